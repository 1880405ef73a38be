package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.LargeGraphs;
import org.eapexplorer.model.MetricKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Ranking a million edges costs 0.1–0.4 s of sorting: the jobs that bring a result rank it on their own thread
 * ({@link AppState#rankings()}), and showing the result then takes that ranking instead of sorting on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class RankingOffFxThreadTest {

    @Test
    void aResultRankedByItsJobIsShownWithThatRanking() throws Exception {
        EdgeScores scores = LargeGraphs.randomScores(GraphIndex.of(4, 4), 3, 0);
        AnalysisResult result = new AnalysisResult(Path.of("m"), null, "p", MetricKind.LOGIT_DIFF, 1, "", scores, 0, 0, 0, 0, null);
        AppState state = fx(AppState::new);
        CircuitViewModel circuits = fx(() -> new CircuitViewModel(state));
        ScoreRanking[] made = new ScoreRanking[1];
        Thread job = new Thread(() -> made[0] = state.rankings().of(scores));
        job.start();
        job.join();
        fxRun(() -> state.showResult(result));
        assertSame(made[0], circuits.ranking());
    }
}
