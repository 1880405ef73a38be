package org.eapexplorer.ui;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** What the window benchmarks (graph, scatter, compare) share: running on the FX thread, and their statistics. */
public final class WindowBenchmarks {

    private WindowBenchmarks() {
    }

    /** Runs {@code action} on the FX thread and waits up to {@code seconds} for its value. */
    public static <T> T onFx(Callable<T> action, int seconds) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(seconds, TimeUnit.SECONDS);
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    public static double p90(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.floor(0.9 * (s.length - 1))];
    }
}
