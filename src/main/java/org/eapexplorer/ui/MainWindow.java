package org.eapexplorer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.ui.charts.HistogramView;
import org.eapexplorer.ui.compare.CompareView;
import org.eapexplorer.ui.compare.DifferenceLegend;
import org.eapexplorer.ui.eval.FaithfulnessView;
import org.eapexplorer.ui.eval.HybridView;
import org.eapexplorer.ui.eval.RolesView;
import org.eapexplorer.ui.eval.RocView;
import org.eapexplorer.ui.export.ExportMenu;
import org.eapexplorer.ui.graph.GraphView;
import org.eapexplorer.ui.graph.SignLegend;
import org.eapexplorer.ui.patching.CurveView;
import org.eapexplorer.ui.patching.ScatterView;
import org.eapexplorer.ui.run.SetupMenuItems;
import org.eapexplorer.ui.run.RunPanel;
import org.eapexplorer.ui.threshold.ThresholdPanel;

/**
 * Puts the views together: menus on top, the side bar (run, threshold, selected edge) on the left, the graph
 * over the histogram in the middle, the status line at the bottom. Holds no state of its own.
 */
public final class MainWindow {

    private final WindowModels models;
    private final Supplier<Window> owner;
    private final BorderPane root = new BorderPane();
    private final GraphView graph;
    private final HistogramView histogram;
    private final CurveView curves;
    private final ScatterView scatter;
    private final GraphChartSplit centre;
    private final RocView roc;
    private final FaithfulnessView faithfulness;
    private final HybridView hybrid;
    private final RolesView roles;
    private final CompareView compare;
    private final StatusBar status;
    private final RunPanel runPanel;

    public MainWindow(WindowModels models, Supplier<Window> owner) {
        this.models = models;
        this.owner = owner;
        AppState state = models.state();
        graph = new GraphView(state, models.circuits());
        histogram = new HistogramView(state, models.circuits());
        curves = new CurveView(state, models.patching(), owner, models.errors());
        scatter = new ScatterView(state, models.circuits(), models.patching(), owner, models.errors());
        roc = new RocView(state, models.eval(), owner, models.errors());
        faithfulness = new FaithfulnessView(state, models.circuits(), models.eval(), owner, models.errors());
        hybrid = new HybridView(state, models.hybrid(), owner, models.errors());
        roles = new RolesView(state, models.circuits(), models.eval(), owner, models.errors());
        compare = new CompareView(state, models.circuits(), models.compare());
        status = new StatusBar(state);
        graph.setHoverTextSink(status.hoverTextProperty()::set);
        graph.showMarked(models.patching().brushedProperty());
        runPanel = new RunPanel(state, models.run(), models.folders());

        VBox side = new VBox(8, runPanel, new Separator(), new ThresholdPanel(state, models.circuits()), new Separator(),
                new EdgeDetailsPanel(state, models.circuits(), models.eval(), models.patching()));
        side.setPadding(new Insets(10, 12, 10, 12));
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.getStyleClass().add("side-bar");
        sideScroll.setPrefWidth(310);
        sideScroll.setMinWidth(260);

        BorderPane graphPane = new BorderPane(new javafx.scene.layout.StackPane(graph,
                new org.eapexplorer.ui.graph.EmptyCircuitHint(state, models.circuits())));
        graphPane.setTop(graphToolbar());
        SignLegend signLegend = new SignLegend();
        DifferenceLegend differenceLegend = new DifferenceLegend(models.compare());
        signLegend.followNodeScores(graph.colourNodesProperty());
        signLegend.followPalette(models.export().paletteProperty());
        signLegend.followCircuit(models.circuits().circuitProperty());
        graph.followPalette(models.export().paletteProperty());
        models.export().fillNodesWhen(graph.colourNodesProperty());
        graphPane.setBottom(signLegend);
        graph.colourBy(models.compare().differenceProperty());
        models.compare().differenceProperty().addListener((obs, old, difference) ->
                graphPane.setBottom(difference == null ? signLegend : differenceLegend));
        TabPane charts = new TabPane(new Tab("Histogram", histogram), new Tab("λ-curves", curves),
                new Tab("EAP vs patching", scatter), new Tab("ROC", roc), new Tab("Faithfulness", faithfulness),
                new Tab("Hybrid", hybrid), new Tab("Edge roles", roles), new Tab("Compare", compare));
        charts.setId("chartTabs");
        charts.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        centre = new GraphChartSplit(graphPane, charts);

        root.setTop(menuBar());
        root.setLeft(sideScroll);
        root.setCenter(centre);
        root.setBottom(status);
        org.eapexplorer.ui.graph.WindowKeys.install(root, models.circuits());
    }

    public static final String STYLESHEET = "/org/eapexplorer/ui/app.css";
    public Parent root() {
        return root;
    }

    /** Puts the window's scene, with the app's stylesheet, on {@code stage}. */
    public void showIn(Stage stage, double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setTitle("EAP Explorer");
        stage.setScene(scene);
        stage.show();
    }

    /**
     * Shows the window as it was left last time (size, position on a screen still there, graph/charts split),
     * fitted to the primary screen, and remembers it when the window closes. {@code ui --size} (not NaN) wins over
     * the remembered size.
     */
    public void showRemembered(Stage stage, WindowPreferences preferences, double requestedWidth, double requestedHeight) {
        WindowPreferences.Remembered remembered = preferences.load(models.state()::say);
        WindowBounds bounds = WindowBounds.opening(remembered, requestedWidth, requestedHeight,
                area(javafx.stage.Screen.getPrimary().getVisualBounds()),
                javafx.stage.Screen.getScreens().stream().map(s -> area(s.getVisualBounds())).toList());
        if (remembered.hasGraphShare()) {
            centre.restore(remembered.graphShare());
        }
        showIn(stage, bounds.width(), bounds.height());
        // A window manager may open the stage smaller than the scene asked (200 x 200 was seen): the minimum keeps it usable,
        // and --size is set on the stage itself as well.
        stage.setMinWidth(Math.min(WindowPreferences.MIN_WIDTH, bounds.width()));
        stage.setMinHeight(Math.min(WindowPreferences.MIN_HEIGHT, bounds.height()));
        if (Double.isFinite(requestedWidth) && Double.isFinite(requestedHeight)) {
            stage.setWidth(stage.getWidth() + requestedWidth - root.getScene().getWidth());
            stage.setHeight(stage.getHeight() + requestedHeight - root.getScene().getHeight());
        }
        if (bounds.hasPosition()) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        }
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> remember(stage, preferences));
    }

    private static WindowBounds.Area area(javafx.geometry.Rectangle2D r) {
        return new WindowBounds.Area(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    /** Writes the window's size, position and split; a failure is said on stderr, since the window is going away. */
    void remember(Stage stage, WindowPreferences preferences) {
        try {
            preferences.save(placement(stage));
        } catch (java.io.IOException e) {
            System.err.println("Could not remember the window's size in " + preferences.file() + ": " + e.getMessage());
        }
    }

    /** The window as it is now, with the split the user chose (not Large charts' temporary one). */
    WindowPreferences.Remembered placement(Stage stage) {
        Scene scene = root.getScene();
        return new WindowPreferences.Remembered(stage.getX(), stage.getY(), scene.getWidth(), scene.getHeight(), centre.userGraphShare());
    }

    /** A PNG of the whole window as JavaFX draws it (no screen capture needed, works headless). */
    public void snapshotTo(Path file) throws IOException {
        FxSnapshots.writePng(root.getScene(), file);
    }

    public GraphView graphView() {
        return graph;
    }

    public HistogramView histogramView() {
        return histogram;
    }

    public CurveView curveView() {
        return curves;
    }

    public ScatterView scatterView() {
        return scatter;
    }

    public RocView rocView() {
        return roc;
    }

    public FaithfulnessView faithfulnessView() {
        return faithfulness;
    }

    public HybridView hybridView() {
        return hybrid;
    }

    public RolesView rolesView() {
        return roles;
    }

    public CompareView compareView() {
        return compare;
    }

    public StatusBar statusBar() {
        return status;
    }

    private HBox graphToolbar() {
        Button fit = new Button("Fit");
        fit.setId("fitButton");
        fit.setTooltip(new Tooltip("Fit the graph to the window (F)"));
        fit.setOnAction(e -> graph.fitToWindow());
        Button zoomIn = new Button("+");
        zoomIn.setTooltip(new Tooltip("Zoom in (+, or scroll)"));
        zoomIn.setOnAction(e -> graph.zoom(1.25));
        Button zoomOut = new Button("−");
        zoomOut.setTooltip(new Tooltip("Zoom out (−, or scroll)"));
        zoomOut.setOnAction(e -> graph.zoom(0.8));
        javafx.scene.control.CheckBox nodeScores = new javafx.scene.control.CheckBox("Node scores");
        nodeScores.setId("colourNodesToggle");
        nodeScores.setTooltip(new Tooltip("Fill each node by its node score (EAP-IG's node level: the sum of its out-edges' scores)"));
        nodeScores.selectedProperty().bindBidirectional(graph.colourNodesProperty());
        Label hint = new Label("drag to pan, N/P to step through edges, Esc to clear");
        hint.setTooltip(new Tooltip("N and P work anywhere in the window but in a text field"));
        hint.getStyleClass().add("muted");
        hint.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(fit, zoomIn, zoomOut, nodeScores, gap, hint);
        bar.getStyleClass().add("graph-toolbar");
        return bar;
    }

    private MenuBar menuBar() {
        MenuItem runEap = new MenuItem("Run scoring");
        runEap.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        runEap.setOnAction(e -> models.run().run());
        MenuItem open = new MenuItem("Open session…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> openSession());
        MenuItem openModel = new MenuItem("Open model…");
        openModel.setId("openModelItem");
        openModel.setOnAction(e -> runPanel.browseModel());
        MenuItem openScores = new MenuItem("Open scores…");
        openScores.setOnAction(e -> openScores());
        MenuItem save = new MenuItem("Save session…");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> saveSession());
        SetupMenuItems setup = new SetupMenuItems(models, owner);
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (mayClose()) {
                close();
            }
        });
        Menu file = new Menu("File", null, runEap, openModel, open, openScores, save, new SeparatorMenuItem());
        file.getItems().addAll(setup.items());
        file.getItems().addAll(new SeparatorMenuItem(), quit);
        file.setOnShowing(e -> {
            save.setDisable(!models.sessions().canSave());
            setup.refresh();
        });

        MenuItem fit = new MenuItem("Fit to window");
        fit.setOnAction(e -> graph.fitToWindow());
        MenuItem clear = new MenuItem("Clear selection");
        clear.setOnAction(e -> models.state().clearSelection());
        CheckMenuItem largeCharts = new CheckMenuItem("Large charts");
        largeCharts.setId("largeChartsItem");
        largeCharts.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        largeCharts.selectedProperty().addListener((obs, was, large) -> {
            centre.setLargeCharts(large);
            graph.fitWhenLaidOut();
        });
        Menu view = new Menu("View", null, fit, clear, largeCharts, new SeparatorMenuItem(),
                new org.eapexplorer.ui.export.PaletteMenu(models.export().paletteProperty()));

        MenuItem diagnostics = new MenuItem("Diagnostics…");
        diagnostics.setId("diagnosticsItem");
        diagnostics.setOnAction(e -> org.eapexplorer.ui.run.DiagnosticsDialog.show(models.diagnostics(), owner.get()));
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts…");
        shortcuts.setId("shortcutsItem");
        shortcuts.setOnAction(e -> HelpDialogs.showShortcuts(owner.get()));
        MenuItem about = new MenuItem("About EAP Explorer…");
        about.setId("aboutItem");
        about.setOnAction(e -> HelpDialogs.showAbout(owner.get()));
        Menu help = new Menu("Help", null, shortcuts, diagnostics, new SeparatorMenuItem(), about);

        MenuBar bar = new MenuBar(file, view, new ExportMenu(models.export(), owner, models.errors()), help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void openSession() {
        if (models.sessions().hasUnsavedResults() && !models.questions().confirm("Open another session?",
                "Opening a session replaces the results on screen, which are not saved.", "Open session")) {
            return;
        }
        FileChooser chooser = DialogQuestions.sessionChooser("Open session");
        models.folders().initial(LastFolders.Kind.SESSION).ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(owner.get());
        if (file != null) {
            models.folders().remember(LastFolders.Kind.SESSION, file.toPath());
            models.sessions().open(file.toPath());
        }
    }

    /** A score file written by the score command (or EAP-IG's graph JSON), drawn without a model. */
    private void openScores() {
        if (models.sessions().hasUnsavedResults() && !models.questions().confirm("Open scores?",
                "Opening a score file replaces the results on screen, which are not saved.", "Open scores")) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open scores");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Score file (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        models.folders().initial(LastFolders.Kind.SCORES).ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(owner.get());
        if (file != null) {
            models.folders().remember(LastFolders.Kind.SCORES, file.toPath());
            models.sessions().openScores(file.toPath());
        }
    }

    /** Asks where, then saves; the handle of the save job, or null when nothing was saved. */
    private JobHandle saveSession() {
        if (!models.sessions().canSave()) {
            models.state().say("Nothing to save yet: run EAP first.");
            return null;
        }
        Path file = models.questions().chooseSessionFile("Save session", "session.eap.json",
                models.folders().initial(LastFolders.Kind.SESSION).orElse(null));
        if (file == null) {
            return null;
        }
        models.folders().remember(LastFolders.Kind.SESSION, file);
        return models.sessions().save(file);
    }

    /**
     * Whether the window may close now (Quit, or the window's close button): yes when nothing is unsaved or the user
     * discards it; with Save, no for now, and the window closes once the session has been written.
     */
    public boolean mayClose() {
        if (!models.sessions().hasUnsavedResults()) {
            return true;
        }
        List<String> lost = new java.util.ArrayList<>(List.of("the " + AnalysisResult.methodLabelOf(models.state().result()) + " scores"));
        lost.addAll(models.sessions().resultsBeyondScores());
        String message = "The results computed since the last save will be lost: "
                + org.eapexplorer.ui.session.SessionViewModel.inWords(lost) + ".";
        switch (models.questions().askToSave(message)) {
            case DISCARD:
                return true;
            case SAVE:
                JobHandle saving = saveSession();
                if (saving != null) {
                    saving.whenDone(() -> Platform.runLater(() -> {
                        if (!models.sessions().hasUnsavedResults()) {
                            close();
                        }
                    }));
                }
                return false;
            default:
                return false;
        }
    }

    private void close() {
        Window w = owner.get();
        if (w != null) {
            w.hide();
        }
    }
}
