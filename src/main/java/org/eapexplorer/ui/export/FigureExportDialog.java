package org.eapexplorer.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.eapexplorer.circuit.ExportFormat;
import org.eapexplorer.circuit.FigureSpec;

/**
 * The one "Export figure…" dialog of the window, used by the Export menu and every view's Export button: format,
 * width × height in inches or pixels, DPI (for PNG, and what pixel sizes count at), and the caption (on or off,
 * editable, the automatic one offered). Values are checked by {@link FigureSpec} as the user types, so OK is only
 * enabled for a figure that can be written, and the reason shows in one line under the fields. A file chooser for
 * the chosen format follows.
 */
public final class FigureExportDialog extends Dialog<FigureExportDialog.Choice> {

    /** What the user chose: where, as what, and (for figures) at what size. */
    public record Choice(Path file, ExportFormat format, FigureSpec spec) {
    }

    private final ChoiceBox<ExportFormat> format = new ChoiceBox<>();
    private final TextField width = new TextField();
    private final TextField height = new TextField();
    private final ChoiceBox<String> unit = new ChoiceBox<>();
    private final TextField dpi = new TextField(fmt(FigureSpec.DEFAULT_DPI));
    private final CheckBox caption = new CheckBox("Caption");
    private final TextField captionText = new TextField();
    private final Label problem = new Label();

    /**
     * @param withCsv   whether the view also exports its numbers as CSV (offered as a format)
     * @param automatic the automatic caption, shown as the caption field's prompt; null when nothing is known
     */
    public FigureExportDialog(String title, boolean withCsv, String automatic) {
        setTitle(title);
        setHeaderText(null);
        List<ExportFormat> formats = new ArrayList<>(List.of(ExportFormat.PDF, ExportFormat.SVG, ExportFormat.PNG));
        if (withCsv) {
            formats.add(ExportFormat.CSV);
        }
        format.getItems().setAll(formats);
        format.setValue(ExportFormat.PDF);
        format.setId("figureFormat");
        unit.getItems().setAll("in", "px");
        unit.setValue("in");
        unit.setId("figureUnit");
        width.setId("figureWidth");
        width.setPromptText("natural");
        width.setPrefColumnCount(6);
        height.setId("figureHeight");
        height.setPromptText("automatic");
        height.setPrefColumnCount(6);
        dpi.setId("figureDpi");
        dpi.setPrefColumnCount(5);
        caption.setId("figureCaption");
        caption.setSelected(true);
        captionText.setId("figureCaptionText");
        captionText.setPromptText(automatic == null ? "automatic" : automatic);
        captionText.setPrefColumnCount(48);
        captionText.disableProperty().bind(caption.selectedProperty().not());
        problem.setId("figureProblem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Size"), new HBox(6, width, new Label("×"), height, unit));
        grid.addRow(2, new Label("DPI"), new HBox(6, dpi, muted("PNG pixels per inch; px sizes count at it")));
        grid.addRow(3, caption, captionText);
        grid.add(problem, 0, 4, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        for (var field : List.of(width.textProperty(), height.textProperty(), dpi.textProperty(), captionText.textProperty())) {
            field.addListener(o -> check());
        }
        format.valueProperty().addListener(o -> check());
        unit.valueProperty().addListener(o -> check());
        caption.selectedProperty().addListener(o -> check());
        check();
        setResultConverter(button -> null);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    /** The figure the fields describe; throws with one line saying what is wrong. */
    public FigureSpec spec() {
        double pixelsPerInch;
        try {
            pixelsPerInch = Double.parseDouble(dpi.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dpi: expected a number of pixels per inch, such as 300, got \"" + dpi.getText() + "\"");
        }
        return FigureSpec.parse(length(width.getText()), length(height.getText()), pixelsPerInch, caption.isSelected(),
                captionText.getText());
    }

    /** A bare number takes the unit chooser's unit; "7in" or "1200px" typed in full is taken as it is. */
    private String length(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1)) ? t : t + unit.getValue();
    }

    /** The message under the fields; empty when the figure can be written. */
    public String problem() {
        return problem.getText();
    }

    private void check() {
        String message = "";
        if (format.getValue() != ExportFormat.CSV) {
            try {
                var size = spec().size(NATURAL_PROBE, NATURAL_PROBE);
                if (format.getValue() == ExportFormat.PNG && size.pngProblem() != null) {
                    message = size.pngProblem();
                }
            } catch (IllegalArgumentException e) {
                message = e.getMessage();
            }
        }
        problem.setText(message);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        if (ok != null) {
            ok.setDisable(!message.isEmpty());
        }
        boolean figure = format.getValue() != ExportFormat.CSV;
        for (Node n : new Node[] {width, height, unit, dpi, caption, captionText}) {
            n.setVisible(figure);
        }
    }

    /** Any natural size in range serves to check the given sides: the real one is the figure's. */
    private static final double NATURAL_PROBE = 360;

    /**
     * Shows the dialog, then a file chooser for the chosen format; empty when either is cancelled.
     *
     * @param baseName the file name to offer, without extension
     */
    public Optional<Choice> ask(Window owner, String baseName, File initialDir) {
        initOwner(owner);
        setResultConverter(button -> button == ButtonType.OK ? new Choice(null, format.getValue(),
                format.getValue() == ExportFormat.CSV ? null : spec()) : null);
        Optional<Choice> chosen = showAndWait();
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        ExportFormat f = chosen.get().format();
        FileChooser chooser = new FileChooser();
        chooser.setTitle(getTitle());
        chooser.setInitialFileName(baseName + "." + f.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name().toUpperCase(Locale.ROOT), "*." + f.extension()));
        if (initialDir != null && initialDir.isDirectory()) {
            chooser.setInitialDirectory(initialDir);
        }
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(new Choice(ExportMenu.withExtension(file.toPath(), "." + f.extension()), f, chosen.get().spec()));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
