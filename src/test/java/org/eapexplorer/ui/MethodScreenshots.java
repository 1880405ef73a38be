package org.eapexplorer.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.eapexplorer.AppContext;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.task.JobHandle;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RecentModels;
import org.eapexplorer.ui.run.RunRequest;

/**
 * Pictures of the scoring methods in the window, on the built-in model at the default size: the Run panel with EAP-IG
 * chosen and nodes coloured by their scores, the Faithfulness tab with MIB's CPR and CMD, and λ-curves with EAP's
 * tangent beside EAP-IG's line (these two with the charts large, as View ▸ Large charts gives them). Not a test; run under Xvfb from the project root:
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" java -cp target/classes:target/test-classes:target/lib/* \
 * org.eapexplorer.ui.MethodScreenshots docs}
 */
public final class MethodScreenshots {

    public static void main(String[] args) {
        Application.launch(Shots.class, args);
    }

    public static final class Shots extends Application {

        private static final Path MODEL = Path.of("assets/models/induction-2l").toAbsolutePath();
        private static final Path PROMPTS = Path.of("sample-prompts/induction.jsonl").toAbsolutePath();

        private AppContext context;
        private MainWindow window;
        private Path out;

        @Override
        public void start(Stage stage) throws Exception {
            out = Path.of(getParameters().getRaw().isEmpty() ? "docs" : getParameters().getRaw().get(0)).toAbsolutePath();
            Files.createDirectories(out);
            Path home = Files.createTempDirectory("eap-screenshots");
            ErrorReporter errors = (title, error) -> {
                System.err.println("error: " + title + ": " + ErrorReporter.describe(error));
                Platform.exit();
            };
            context = AppContext.create(Platform::runLater, errors, new ScriptedQuestions(), new RecentModels(home.resolve("recent.txt")),
                    new InstallLocations(List.of(Path.of("").toAbsolutePath())));
            window = new MainWindow(context.models(), () -> stage);
            window.showIn(stage, 1280, 800);
            Thread driver = new Thread(() -> {
                try {
                    takeAll();
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    Platform.runLater(() -> {
                        context.close();
                        Platform.exit();
                    });
                }
            }, "screenshots");
            driver.setDaemon(true);
            driver.start();
        }

        private void takeAll() throws Exception {
            WindowModels m = context.models();
            await(fx(() -> m.run().run(new RunRequest(MODEL, PROMPTS, ComputeDevice.CPU))));
            MethodSpec ig = MethodSpec.of(AttributionMethod.EAP_IG_INPUTS);
            fx(() -> {
                m.run().methodProperty().set(AttributionMethod.EAP_IG_INPUTS);
                return null;
            });
            await(fx(() -> m.run().run()));
            int top = fx(() -> m.circuits().ranking().edgeAt(0));
            fx(() -> {
                context.state().select(top);
                ((CheckBox) window.root().lookup("#colourNodesToggle")).setSelected(true);
                return null;
            });
            shoot(0, "screenshot-run-eap-ig.png");
            fx(() -> {
                ((CheckBox) window.root().lookup("#colourNodesToggle")).setSelected(false);
                return null;
            });
            largeCharts(true);
            for (int rank : new int[] {0, 1, 4}) {
                await(fx(() -> m.patching().computeCurve(m.circuits().ranking().edgeAt(rank))));
            }
            shoot(1, "screenshot-lambda-estimates.png");
            await(fx(() -> m.eval().computeFaithfulness()));
            await(fx(() -> m.eval().mib().compute()));
            shoot(4, "screenshot-faithfulness-mib.png");
            System.err.println("method " + ig.describe() + ": " + m.eval().mib().metrics().describe());
        }

        /** As View ▸ Large charts does: the charts get most of the window (the graph's vertical split moves up). */
        private void largeCharts(boolean large) throws Exception {
            fx(() -> {
                for (javafx.scene.Node n : window.root().lookupAll(".split-pane")) {
                    if (n instanceof javafx.scene.control.SplitPane p && p.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
                        p.setDividerPositions(large ? 0.3 : 0.58);
                    }
                }
                return null;
            });
        }

        private void shoot(int tab, String name) throws Exception {
            fx(() -> {
                ((TabPane) window.root().lookup("#chartTabs")).getSelectionModel().select(tab);
                return null;
            });
            Thread.sleep(400);
            fx(() -> null);
            fx(() -> {
                window.snapshotTo(out.resolve(name));
                return null;
            });
            System.err.println("wrote " + out.resolve(name));
        }

        private static <T> T fx(Callable<T> action) throws Exception {
            CompletableFuture<T> result = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    result.complete(action.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            return result.get(60, TimeUnit.SECONDS);
        }

        private static void await(JobHandle handle) throws Exception {
            if (handle == null) {
                throw new IllegalStateException("the job did not start (see the status line)");
            }
            handle.await(30, TimeUnit.MINUTES);
            fx(() -> null);
        }
    }
}
