package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.session.SessionJson;
import org.junit.jupiter.api.Test;

/** The window's default: the built-in induction model with its prompts, and its known circuit in the histogram. */
class BuiltInModelTest extends WindowTest {

    @Test
    void theDefaultRunShowsTheReferenceCircuitAsASecondSeries() throws Exception {
        AnalysisResult result = app.runBuiltIn();
        assertTrue(result.hasReference(), "induction-2l ships ground-truth.json");

        Histogram h = app.window.histogramView().histogram();
        assertEquals(2, h.series().size());
        assertEquals(result.referenceEdges().length, h.series().get(0).total());
        assertEquals(result.edgeCount(), h.series().get(0).total() + h.series().get(1).total());
        assertTrue(Math.abs(h.series().get(0).mean()) > Math.abs(h.series().get(1).mean()),
                "circuit edges score further from zero on average than the rest");

        Path session = tempDir.resolve("induction-session.json");
        await(fx(() -> app.models().sessions().save(session)));
        assertTrue(Files.readString(session).contains("\"reference_edges\""));
        assertEquals(result.referenceEdges().length, SessionJson.read(session).result().referenceEdges().length);
    }
}
