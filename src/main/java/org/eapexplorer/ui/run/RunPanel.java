package org.eapexplorer.ui.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;

/** The "Run" section of the side bar: model, prompts, device, scoring method, Run/Cancel and the job's progress. */
public final class RunPanel extends VBox {

    private final RunViewModel viewModel;
    private final ComboBox<Path> model = new ComboBox<>();
    private final ComboBox<PromptChoice> prompts = new ComboBox<>();
    private final ChoiceBox<ComputeDevice> device = new ChoiceBox<>(FXCollections.observableArrayList(ComputeDevice.values()));
    private final ChoiceBox<AttributionMethod> method = new ChoiceBox<>(FXCollections.observableArrayList(AttributionMethod.values()));
    /** EAP-IG's Riemann steps: each costs a forward and a backward pass, so 100 is a generous ceiling. */
    private final Spinner<Integer> igSteps = new Spinner<>(1, MAX_IG_STEPS, MethodSpec.DEFAULT_IG_STEPS);
    private final Button run = new Button("Run EAP");
    private final org.eapexplorer.ui.LastFolders folders;
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label summary = new Label();
    private boolean syncing;

    static final int MAX_IG_STEPS = 100;

    /** @param folders where the model and prompt dialogs start (the folder last chosen from) */
    public RunPanel(AppState state, RunViewModel viewModel, org.eapexplorer.ui.LastFolders folders) {
        this.viewModel = viewModel;
        this.folders = folders;
        getStyleClass().add("side-section");
        setSpacing(6);

        model.setId("modelChoice");
        model.setItems(viewModel.recentModels());
        model.setMaxWidth(Double.MAX_VALUE);
        model.setPromptText("No model chosen");
        model.setButtonCell(new PathCell(model.getItems(), false));
        model.setCellFactory(list -> new PathCell(model.getItems(), true));
        Tooltip modelPath = new Tooltip();
        modelPath.textProperty().bind(Bindings.createStringBinding(
                () -> model.getValue() == null ? "No model chosen" : model.getValue().toString(), model.valueProperty()));
        model.setTooltip(modelPath);
        Button browseModel = new Button("…");
        browseModel.setId("browseModel");
        browseModel.setTooltip(new Tooltip("Choose a Hugging Face GPT-2 model directory"));
        browseModel.setOnAction(e -> browseModel());

        prompts.setId("promptChoice");
        prompts.setItems(viewModel.promptChoices());
        prompts.setMaxWidth(Double.MAX_VALUE);
        prompts.setPromptText("No prompt file chosen");
        Button browsePrompts = new Button("…");
        browsePrompts.setId("browsePrompts");
        browsePrompts.setTooltip(new Tooltip("Choose a prompt-pair file (JSON Lines)"));
        browsePrompts.setOnAction(e -> browsePrompts());

        device.setId("deviceChoice");
        device.setConverter(new StringConverter<>() {
            @Override
            public String toString(ComputeDevice d) {
                return d == null ? "" : d.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public ComputeDevice fromString(String s) {
                return ComputeDevice.parse(s);
            }
        });
        device.setTooltip(new Tooltip("auto: a CUDA GPU if PyTorch sees one, else the CPU"));

        method.setId("methodChoice");
        method.setMaxWidth(Double.MAX_VALUE);
        method.valueProperty().bindBidirectional(viewModel.methodProperty());
        method.setTooltip(new Tooltip("eap: the clean run's gradient (Syed et al. 2023)\n"
                + "eap-ig-inputs: the gradient averaged over N runs with the input embedding moved from corrupted to clean "
                + "(EAP-IG, Hanna et al. 2024)\nclean-corrupted: the mean of the clean and the corrupted run's gradients"));
        igSteps.setId("igStepsSpinner");
        igSteps.setEditable(true);
        igSteps.setPrefWidth(80);
        SpinnerValueFactory<Integer> steps = igSteps.getValueFactory();
        steps.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                viewModel.igStepsProperty().set(v);
            }
        });
        viewModel.igStepsProperty().addListener((obs, old, v) -> steps.setValue(v.intValue()));
        steps.setValue(viewModel.igStepsProperty().get());
        igSteps.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.methodProperty().get() == null || !viewModel.methodProperty().get().usesSteps(),
                viewModel.methodProperty()));
        igSteps.setTooltip(new Tooltip("EAP-IG's interpolation steps N (1–" + MAX_IG_STEPS + "): one forward and backward pass "
                + "each; N = 1 is EAP"));
        Label stepsLabel = fieldLabel("IG steps");
        stepsLabel.disableProperty().bind(igSteps.disableProperty());

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.addRow(0, fieldLabel("Model"), model, browseModel);
        grid.addRow(1, fieldLabel("Prompts"), prompts, browsePrompts);
        grid.addRow(2, fieldLabel("Device"), device);
        grid.add(fieldLabel("Method"), 0, 3);
        grid.add(method, 1, 3, 2, 1);
        grid.addRow(4, stepsLabel, igSteps);
        GridPane.setHgrow(model, Priority.ALWAYS);
        GridPane.setHgrow(prompts, Priority.ALWAYS);

        run.setId("runButton");
        // The button says what it will compute: "Run EAP", "Run EAP-IG (inputs)", "Run clean-corrupted".
        run.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Run "
                + (viewModel.methodProperty().get() == null ? AttributionMethod.EAP : viewModel.methodProperty().get()).label(),
                viewModel.methodProperty()));
        // Not the default button: Enter in a field (or anywhere) must not re-run EAP and discard what was computed.
        run.disableProperty().bind(viewModel.canRunProperty().not());
        run.setOnAction(e -> viewModel.run());
        cancel.setId("cancelButton");
        cancel.disableProperty().bind(state.jobProperty().isNull());
        cancel.setOnAction(e -> viewModel.cancel());
        HBox buttons = new HBox(6, run, cancel);

        progress.setId("progressBar");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(state.jobProperty().isNotNull());
        progress.managedProperty().bind(progress.visibleProperty());
        progressText.setWrapText(true);
        progressText.getStyleClass().add("muted");
        progressText.visibleProperty().bind(progress.visibleProperty());
        progressText.managedProperty().bind(progress.visibleProperty());
        summary.setId("runSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("muted");

        Label title = new Label("Run");
        title.getStyleClass().add("section-title");
        getChildren().addAll(title, grid, buttons, progress, progressText, summary);
        setPadding(new Insets(0, 0, 8, 0));

        state.jobProperty().addListener((obs, old, job) -> showProgress(job));
        summary.textProperty().bind(Bindings.createStringBinding(() -> summaryOf(state.result(), state.modelDir()),
                state.resultProperty(), state.modelDirProperty()));
        syncFrom(state);
        state.modelDirProperty().addListener(o -> syncFrom(state));
        state.promptFileProperty().addListener(o -> syncFrom(state));
        state.deviceProperty().addListener(o -> syncFrom(state));
        // Replacing the recent list (after a run) clears the combo box's value; put it back.
        viewModel.recentModels().addListener((javafx.collections.ListChangeListener<Path>) c -> syncFrom(state));
        viewModel.promptChoices().addListener((javafx.collections.ListChangeListener<PromptChoice>) c -> syncFrom(state));
        model.valueProperty().addListener((obs, old, dir) -> {
            if (!syncing && dir != null && !viewModel.chooseModel(dir)) {
                // Not a model: the box goes back to the model that is chosen (after this change has been delivered).
                javafx.application.Platform.runLater(() -> syncFrom(state));
            }
        });
        prompts.valueProperty().addListener((obs, old, choice) -> {
            if (!syncing && choice != null) {
                viewModel.choosePrompts(choice.path());
            }
        });
        device.valueProperty().addListener((obs, old, d) -> {
            if (!syncing && d != null) {
                viewModel.chooseDevice(d);
            }
        });
    }

    private void syncFrom(AppState state) {
        syncing = true;
        try {
            Path dir = state.modelDir();
            if (dir != null && !model.getItems().contains(dir)) {
                model.getItems().add(0, dir);
            }
            model.setValue(dir);
            Path file = state.promptFile();
            prompts.setValue(file == null ? null
                    : prompts.getItems().stream().filter(c -> c.path().equals(file)).findFirst().orElse(null));
            device.setValue(state.device());
        } finally {
            syncing = false;
        }
    }

    private void showProgress(JobProgress job) {
        if (job == null) {
            progress.setProgress(0);
            progressText.setText("");
            return;
        }
        progress.setProgress(job.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : job.fraction());
        progressText.setText(job.message());
    }

    /** Asks for a model folder (the Model box's Browse…, File → Open model…), starting where the last one was. */
    public void browseModel() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a model directory (config.json + model.safetensors)");
        Path current = model.getValue();
        java.util.Optional<File> last = folders.initial(org.eapexplorer.ui.LastFolders.Kind.MODEL);
        if (last.isPresent()) {
            chooser.setInitialDirectory(last.get());
        } else if (current != null && Files.isDirectory(current.toAbsolutePath().getParent())) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            folders.remember(org.eapexplorer.ui.LastFolders.Kind.MODEL, dir.toPath());
            viewModel.chooseModel(dir.toPath());
        }
    }

    private void browsePrompts() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a prompt-pair file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Prompt pairs (*.jsonl)", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*"));
        folders.initial(org.eapexplorer.ui.LastFolders.Kind.PROMPTS).ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            folders.remember(org.eapexplorer.ui.LastFolders.Kind.PROMPTS, file.toPath());
            viewModel.choosePrompts(file.toPath());
        }
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    /** The run's numbers, and which model they are from when the Model box now names another. */
    static String summaryOf(AnalysisResult r, Path chosenModel) {
        if (r == null) {
            return "";
        }
        String text = String.format(Locale.ROOT, "%s; %d pairs, %s: clean %.3f, corrupted %.3f", r.methodDescription(), r.pairs(),
                r.metric().jsonName(), r.metricClean(), r.metricCorrupted());
        if (r.modelDir() != null && chosenModel != null && !RunViewModel.canonical(r.modelDir()).equals(RunViewModel.canonical(chosenModel))) {
            text += ". These scores are from " + r.modelDir() + "; press Run EAP to score " + chosenModel.getFileName() + ".";
        }
        return text;
    }

    /**
     * Shows a directory by its name and, in the list or where two listed folders share the name, the folder it is
     * in; the full path is in the tooltip.
     */
    private static final class PathCell extends ListCell<Path> {
        private final java.util.List<Path> listed;
        private final boolean inList;

        PathCell(java.util.List<Path> listed, boolean inList) {
            this.listed = listed;
            this.inList = inList;
        }

        @Override
        protected void updateItem(Path item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else {
                java.util.List<Path> sameName = listed.stream().filter(p -> !p.equals(item)
                        && java.util.Objects.equals(p.getFileName(), item.getFileName())).toList();
                setText(inList ? label(item, true) : sameName.isEmpty() ? label(item, false) : shortLabel(item, sameName));
                setTooltip(new Tooltip(item.toAbsolutePath().toString()));
            }
        }
    }

    /**
     * The name with the nearest folder above it that tells it from {@code others} of the same name, for the narrow
     * box: "induction-2l (wt-ui-flow)".
     */
    static String shortLabel(Path dir, java.util.List<Path> others) {
        Path absolute = dir.toAbsolutePath();
        for (int up = 1; up < absolute.getNameCount(); up++) {
            Path ancestor = absolute.getName(absolute.getNameCount() - 1 - up);
            int depth = up;
            boolean distinct = others.stream().map(Path::toAbsolutePath)
                    .noneMatch(o -> o.getNameCount() > depth && o.getName(o.getNameCount() - 1 - depth).equals(ancestor));
            if (distinct) {
                return absolute.getFileName() + " (" + ancestor + ")";
            }
        }
        return label(dir, true);
    }

    /** "induction-2l", or with its folder, "induction-2l — ~/work/assets/models". */
    static String label(Path dir, boolean withFolder) {
        Path name = dir.getFileName();
        if (name == null) {
            return dir.toString();
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (!withFolder || parent == null) {
            return name.toString();
        }
        String home = System.getProperty("user.home", "");
        String folder = parent.toString();
        if (!home.isEmpty() && folder.startsWith(home + java.io.File.separator)) {
            folder = "~" + folder.substring(home.length());
        }
        return name + " — " + folder;
    }
}
