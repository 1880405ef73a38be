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
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.ui.eval.HybridViewModel;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RecentModels;
import org.eapexplorer.ui.run.RunRequest;

/**
 * Retakes the README's screenshots: the real window at its default size (1280 × 800, Large charts off) on the
 * built-in model, driven through its view models, one PNG per tab as a user first sees it. Not a test; run under
 * Xvfb from the project root:
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" java -cp target/classes:target/test-classes:target/lib/* \
 * org.eapexplorer.ui.DocScreenshots docs [session.json [quick|compare|methods|clicked|scatter|families [model dir …]]]}; {@code compare} takes the comparison's
 * pictures alone, {@code methods} those of the scoring methods (EAP-IG in the Run panel, λ-curves, MIB) alone,
 * {@code clicked} the λ-curve that a click on an edge brings with no button press, {@code scatter} the scatter of every edge
 * with a brush, {@code families} a window per model family (and per model directory named after it).
 */
public final class DocScreenshots {

    /** A main class that is not an Application, so that {@code java} starts it with JavaFX on the class path. */
    public static void main(String[] args) {
        Application.launch(Shots.class, args);
    }

    public static final class Shots extends Application {

        private static final Path MODEL = Path.of("assets/models/induction-2l").toAbsolutePath();
        private static final Path PROMPTS = Path.of("sample-prompts/induction.jsonl").toAbsolutePath();
        private static final Path SHORTFORMER = Path.of("src/test/resources/fixtures/tiny-shortformer").toAbsolutePath();

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
                    new InstallLocations(List.of(Path.of("").toAbsolutePath())), home.resolve("patch-cache"));
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

        /**
         * With a session file as the second argument that exists, the evaluation comes from it (no model work) and
         * only the pictures are retaken; otherwise everything is computed and the session saved there for next time.
         */
        private void takeAll() throws Exception {
            WindowModels m = context.models();
            List<String> args = getParameters().getRaw();
            Path cached = args.size() > 1 ? Path.of(args.get(1)).toAbsolutePath() : null;
            boolean fromSession = cached != null && Files.isRegularFile(cached);
            // "quick": no ACDC and no hybrid (minutes of model work), so none of their pictures either.
            boolean quick = args.size() > 2 && args.get(2).equals("quick");
            await(fx(() -> m.run().run(new RunRequest(MODEL, PROMPTS, ComputeDevice.CPU))));
            if (args.size() > 2 && args.get(2).equals("compare")) {
                compare(m);
                return;
            }
            if (args.size() > 2 && args.get(2).equals("methods")) {
                methods(m);
                return;
            }
            if (args.size() > 2 && args.get(2).equals("clicked")) {
                clicked(m);
                return;
            }
            if (args.size() > 2 && args.get(2).equals("scatter")) {
                allEdgeScatter(m);
                return;
            }
            if (args.size() > 2 && args.get(2).equals("families")) {
                families(m, args.subList(3, args.size()));
                return;
            }
            int top = fx(() -> m.circuits().ranking().edgeAt(0));
            fx(() -> {
                context.state().select(top);
                return null;
            });
            shoot(0, "screenshot-induction-2l.png");
            shoot(3, "screenshot-roc.png");
            if (fromSession) {
                await(fx(() -> m.sessions().open(cached)));
            } else {
                await(fx(() -> m.patching().computeCurve(top)));
                await(fx(() -> m.patching().computeCurve(m.circuits().ranking().edgeAt(1))));
                await(fx(() -> m.patching().computeCurve(m.circuits().ranking().edgeAt(4))));
                await(fx(() -> m.patching().patchTopN(110)));
                if (!quick) {
                    await(fx(() -> m.eval().computeAcdc(AcdcSweep.DEFAULT_TAUS, List.of(AcdcScore.KL, AcdcScore.TASK))));
                }
                await(fx(() -> m.eval().computeFaithfulness()));
                if (!quick) {
                    await(fx(() -> m.hybrid().compute(m.hybrid().defaultSizes(), HybridViewModel.DEFAULT_TAUS, AcdcScore.KL)));
                }
                backToThreshold();
                if (cached != null) {
                    await(fx(() -> m.sessions().save(cached)));
                }
            }
            fx(() -> {
                context.state().select(top);
                return null;
            });
            shoot(1, "screenshot-lambda-curves.png");
            shoot(2, "screenshot-eap-vs-patching.png");
            if (!quick) {
                acdcAndHybrid(m);
            }
            shoot(4, "screenshot-faithfulness.png");
            shoot(6, "screenshot-edge-roles.png");

            Path session = Files.createTempFile("eap-session", ".json");
            await(fx(() -> m.sessions().save(session)));
            await(fx(() -> m.sessions().open(session)));
            shoot(quick ? 2 : 3, "screenshot-session-reopened.png");
            compare(m);

            await(fx(() -> m.run().run(new RunRequest(SHORTFORMER, SHORTFORMER.resolve("prompts.jsonl"), ComputeDevice.CPU))));
            shoot(0, "screenshot-shortformer.png");
            await(fx(() -> m.run().run(new RunRequest(MODEL, PROMPTS, ComputeDevice.CPU))));
            methods(m);
        }

        /**
         * One window per family beyond GPT-2, each a real EAP run of the repo's oracle fixture (Llama with grouped-query
         * attention, Qwen2, GPT-NeoX's parallel block), the strongest edge selected; then each further argument, a model
         * directory with a prompt file in it named prompts.jsonl (the Qwen2.5-0.5B-shaped scale model), the same way.
         */
        private void families(WindowModels m, List<String> more) throws Exception {
            java.util.Map<String, Path> models = new java.util.LinkedHashMap<>();
            for (String name : List.of("tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-qwen3", "tiny-mistral", "tiny-gemma2", "tiny-gemma3", "tiny-olmo2")) {
                models.put("screenshot-" + name + ".png", Path.of("src/test/resources/fixtures", name).toAbsolutePath());
            }
            for (String dir : more) {
                Path p = Path.of(dir).toAbsolutePath();
                models.put("screenshot-" + p.getFileName() + ".png", p);
            }
            for (java.util.Map.Entry<String, Path> e : models.entrySet()) {
                Path dir = e.getValue();
                await(fx(() -> m.run().run(new RunRequest(dir, dir.resolve("prompts.jsonl"), ComputeDevice.CPU))));
                int top = fx(() -> m.circuits().ranking().edgeAt(0));
                fx(() -> {
                    context.state().select(top);
                    return null;
                });
                shoot(0, e.getKey());
            }
        }

        /**
         * EAP against EAP-IG (inputs, 5 steps) on the built-in model: the second scored by the score command and opened
         * beside the window's EAP run, so that both are real runs of the same prompts. The Compare tab with the edge
         * that moved most selected; the graph coloured by their difference; the ROC panel with both curves.
         */
        private void compare(WindowModels m) throws Exception {
            Path ig = Files.createTempDirectory("eap-ig").resolve("induction-eap-ig.json");
            int exit = org.eapexplorer.cli.EapCli.run("score", "--model", MODEL.toString(), "--prompts", PROMPTS.toString(),
                    "--method", "eap-ig-inputs", "--ig-steps", "5", "--device", "cpu", "--out", ig.toString());
            if (exit != 0) {
                throw new IllegalStateException("score --method eap-ig-inputs exited with " + exit);
            }
            await(fx(() -> m.sessions().openScores(ig)));
            fx(() -> {
                backToThresholdNow();
                context.state().select(m.compare().movedProperty().get()[0]);
                return null;
            });
            shoot(7, "screenshot-compare.png");
            fx(() -> {
                m.compare().colourByDifferenceProperty().set(true);
                return null;
            });
            shoot(7, "screenshot-compare-difference.png");
            fx(() -> {
                m.compare().colourByDifferenceProperty().set(false);
                return null;
            });
            shoot(3, "screenshot-roc-compare.png");
        }

        private void backToThresholdNow() {
            context.state().setThreshold(Threshold.topK(35));
            context.state().setThreshold(Threshold.topK(36));
        }

        private void acdcAndHybrid(WindowModels m) throws Exception {
            shoot(3, "screenshot-roc-acdc.png");
            fx(() -> {
                m.eval().conventionProperty().set(RocConvention.ACDC);
                return null;
            });
            shoot(3, "screenshot-roc-acdc-convention.png");
            fx(() -> {
                m.eval().conventionProperty().set(RocConvention.AUTO_CIRCUIT);
                m.eval().show(m.eval().acdcCircuits().stream().filter(c -> c.label().endsWith("(KL) τ 0.01")).findFirst().orElseThrow());
                return null;
            });
            shoot(3, "screenshot-acdc-circuit.png");
            backToThreshold();
            fx(() -> {
                m.hybrid().show(m.hybrid().cellCircuits().get(0));
                return null;
            });
            shoot(5, "screenshot-hybrid.png");
            backToThreshold();
        }

        /** Moves the threshold away and back, so that the graph shows EAP's own top-36 circuit again. */
        private void backToThreshold() throws Exception {
            fx(() -> {
                context.state().setThreshold(Threshold.topK(35));
                context.state().setThreshold(Threshold.topK(36));
                return null;
            });
        }

        /** Shows chart tab {@code tab}, lets the window lay out and paint, and writes the PNG. */
        /**
         * The methods in the window: the Run panel with EAP-IG chosen and nodes coloured by their scores, λ-curves with
         * EAP's tangent beside EAP-IG's line and the Faithfulness tab with MIB's CPR and CMD (these two with the charts
         * large, as View ▸ Large charts gives them). Runs EAP-IG after the EAP run on screen.
         */
        private void methods(WindowModels m) throws Exception {
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

        /**
         * Issue 12: the λ-curves tab open at the default size (Large charts off), a click on the strongest edge in
         * the graph (a mouse press and release on the canvas, as a user's), and nothing else: the curve and the details
         * panel's linearity row appear once the background job is done.
         */
        private void clicked(WindowModels m) throws Exception {
            // The strongest edge whose drawn middle no other edge covers, so that the click hits it.
            int top = fx(() -> {
                ((TabPane) window.root().lookup("#chartTabs")).getSelectionModel().select(1);
                for (int rank = 0; rank < m.circuits().ranking().size(); rank++) {
                    int edge = m.circuits().ranking().edgeAt(rank);
                    if (m.circuits().circuit().hasEdge(edge)) {
                        clickEdge(edge);
                        if (context.state().selectedEdge() == edge) {
                            return edge;
                        }
                    }
                }
                throw new IllegalStateException("no drawn edge could be clicked");
            });
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (fx(() -> m.patching().curveOf(top) == null) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (fx(() -> m.patching().curveOf(top) == null)) {
                throw new IllegalStateException("no λ-curve after the click: " + fx(() -> m.patching().curveMessageProperty().get()));
            }
            shoot(1, "screenshot-clicked-edge-curve.png");
        }

        /** A primary-button press and release on the middle of {@code edge} in the graph, as a user's click. */
        private void clickEdge(int edge) {
            var canvas = window.graphView().canvas();
            double[] p = window.graphView().screenPointOnEdge(edge);
            // The event's x and y are the scene's; delivery turns them into the canvas's own.
            javafx.geometry.Point2D scene = canvas.localToScene(p[0], p[1]);
            javafx.geometry.Point2D screen = canvas.localToScreen(p[0], p[1]);
            for (var type : List.of(javafx.scene.input.MouseEvent.MOUSE_PRESSED, javafx.scene.input.MouseEvent.MOUSE_RELEASED)) {
                javafx.event.Event.fireEvent(canvas, new javafx.scene.input.MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                        javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false,
                        type == javafx.scene.input.MouseEvent.MOUSE_PRESSED, false, false, false, false, true, null));
            }
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

        /**
         * The scatter of every edge of the built-in model (all 110, patched exactly: GPT-2 small's 32,491 take hours
         * on this machine), with the middle of the cloud brushed: its edges outlined and all lit in the graph above.
         */
        private void allEdgeScatter(WindowModels m) throws Exception {
            int all = fx(() -> m.circuits().ranking().scoredCount());
            await(fx(() -> m.patching().patchTopN(all)));
            fx(() -> {
                ((TabPane) window.root().lookup("#chartTabs")).getSelectionModel().select(2);
                return null;
            });
            Thread.sleep(400);
            var view = window.scatterView();
            fx(() -> {
                var s = m.patching().scatter();
                double[] xs = new double[s.size()];
                double[] ys = new double[s.size()];
                for (int i = 0; i < s.size(); i++) {
                    xs[i] = view.pointLocation(i).getX();
                    ys[i] = view.pointLocation(i).getY();
                }
                java.util.Arrays.sort(xs);
                java.util.Arrays.sort(ys);
                int n = s.size();
                view.brush(xs[n / 4] - 2, ys[n / 4] - 2, xs[3 * n / 4] + 2, ys[3 * n / 4] + 2);
                return null;
            });
            shoot(2, "screenshot-scatter-all-edges.png");
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
