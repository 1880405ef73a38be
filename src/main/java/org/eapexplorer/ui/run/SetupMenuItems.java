package org.eapexplorer.ui.run;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.eapexplorer.ui.WindowModels;

/**
 * The File menu's set-up items: Get GPT-2 small…, Enable GPU…, Use a libtorch folder… and Use the bundled libtorch —
 * what fetches or chooses the model and the libtorch the program runs, as opposed to the work it does with them.
 */
public final class SetupMenuItems {

    private final WindowModels models;
    private final Supplier<Window> owner;
    private final MenuItem getGpt2 = new MenuItem("Get GPT-2 small…");
    private final MenuItem enableGpu = new MenuItem("Enable GPU…");
    private final MenuItem useLibtorch = new MenuItem("Use a libtorch folder…");
    private final MenuItem useBundled = new MenuItem("Use the bundled libtorch");

    public SetupMenuItems(WindowModels models, Supplier<Window> owner) {
        this.models = models;
        this.owner = owner;
        getGpt2.setOnAction(e -> getGpt2());
        enableGpu.setId("enableGpuItem");
        enableGpu.setOnAction(e -> enableGpu());
        useLibtorch.setId("useLibtorchItem");
        useLibtorch.setOnAction(e -> chooseLibtorch());
        useBundled.setId("useBundledLibtorchItem");
        useBundled.setOnAction(e -> models.libtorch().useBundled());
    }

    public List<MenuItem> items() {
        return List.of(getGpt2, enableGpu, useLibtorch, useBundled);
    }

    /** As the menu opens: no fetch while a job runs; nothing to forget without a remembered libtorch. */
    public void refresh() {
        getGpt2.setDisable(models.state().isBusy());
        enableGpu.setDisable(models.state().isBusy());
        useBundled.setDisable(models.libtorch().saved().isEmpty());
    }

    /** Asks where to put GPT-2 small and which hub to fetch it from, then starts the download job. */
    private void getGpt2() {
        if (models.state().isBusy()) {
            models.state().say("A job is running; cancel it first.");
            return;
        }
        TextField folder = new TextField(DownloadViewModel.defaultTarget().toString());
        folder.setId("downloadFolderField");
        folder.setPrefColumnCount(32);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for GPT-2 small");
            File current = new File(folder.getText().trim());
            File existing = current.isDirectory() ? current : current.getParentFile();
            if (existing != null && existing.isDirectory()) {
                chooser.setInitialDirectory(existing);
            }
            File chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                folder.setText(chosen.getAbsolutePath());
            }
        });
        TextField hub = new TextField(DownloadViewModel.defaultBase().toString());
        hub.setId("downloadHubField");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Folder:"), folder, browse);
        grid.addRow(1, new Label("Hub address:"), hub);
        Label note = new Label("548 MB of weights and 1.5 MB of config and tokenizer files, checked against their SHA-256.");
        note.getStyleClass().add("muted");
        grid.add(note, 0, 2, 3, 1);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Get GPT-2 small");
        dialog.setHeaderText("Download GPT-2 small from the hub and use it as the model");
        dialog.getDialogPane().setContent(grid);
        ButtonType download = new ButtonType("Download", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(download, ButtonType.CANCEL);
        Window w = owner.get();
        if (w != null && w.isShowing()) {
            dialog.initOwner(w);
        }
        dialog.showAndWait().filter(b -> b == download)
                .ifPresent(b -> models.download().downloadGpt2(folder.getText(), hub.getText()));
    }

    /** Asks before fetching several GB, then runs gpu-setup as a background job. */
    private void enableGpu() {
        if (models.state().isBusy()) {
            models.state().say("A job is running; cancel it first.");
            return;
        }
        if (models.questions().confirm("Enable GPU", "Download DJL's CUDA 12.8 build of libtorch 2.7.1 (several GB) from "
                + models.download().gpuSource() + " into " + models.download().gpuCache() + "? It needs an NVIDIA GPU and driver. "
                + "Checked: each file's size and gzip CRC-32, and the result's version and flavour; no published checksum "
                + "is checked. Cancelling keeps what was fetched; the program uses it after a restart.", "Download")) {
            models.download().enableGpu();
        }
    }

    /** A local libtorch (a CUDA build already on the machine) for the next start; checked before it is remembered. */
    private void chooseLibtorch() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("libtorch 2.7.1 folder, or a pip-installed torch/lib");
        models.libtorch().saved().map(Path::toFile).filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File dir = chooser.showDialog(owner.get());
        if (dir != null) {
            models.libtorch().use(dir.toPath());
        }
    }
}
