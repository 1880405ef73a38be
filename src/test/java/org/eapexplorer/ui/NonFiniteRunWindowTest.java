package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eapexplorer.engine.NanModel;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** Issue 24 item 3: a run that comes out NaN is a failed run in the window, not "EAP done" with "clean NaN". */
class NonFiniteRunWindowTest extends WindowTest {

    @Test
    void aNaNRunFailsSayingWhyAndLeavesNothingToSave() throws Exception {
        Path model = NanModel.write(tempDir.resolve("nan-model"));
        await(fx(() -> app.models().run().run(new RunRequest(model, NanModel.prompts(model), ComputeDevice.CPU))));
        assertNull(app.state().result(), "a NaN run was shown as a result");
        String status = app.state().statusProperty().get();
        assertTrue(status.startsWith("EAP failed: the clean run's ") && status.contains(" is NaN for "), status);
        assertFalse(fx(() -> app.models().sessions().canSave()), "a session of the NaN run could be saved");
        assertEquals(1, app.errors.size(), app.errors.toString());
    }
}
