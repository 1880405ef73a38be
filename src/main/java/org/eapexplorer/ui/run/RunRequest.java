package org.eapexplorer.ui.run;

import java.nio.file.Path;
import java.util.Objects;
import org.eapexplorer.engine.ComputeDevice;

/** What Run computes: EAP scores of a model on a prompt file, on a device. */
public record RunRequest(Path modelDir, Path promptFile, ComputeDevice device) {

    /** Pairs per forward/backward batch; the scores do not depend on it. */
    public static final int BATCH_SIZE = 20;

    public RunRequest {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(promptFile, "promptFile");
        Objects.requireNonNull(device, "device");
    }
}
