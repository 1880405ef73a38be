package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eapexplorer.circuit.ExportFormat;
import org.eapexplorer.circuit.FigureSpec;
import org.eapexplorer.circuit.GraphLegend;
import org.eapexplorer.circuit.PdfStrokes;
import org.eapexplorer.circuit.PngCanvas;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.export.FigureExportDialog;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Figures from the window: PDF with legend and caption, charts with captions, the dialog's checks, copy as PNG. */
class FigureExportWindowTest extends WindowTest {

    @BeforeEach
    void runTinyAtTop12() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        fxRun(() -> {
            app.state().setHideUnconnected(false);
            app.state().setThreshold(Threshold.topK(12));
        });
    }

    @Test
    void graphPdfHasTheKeptEdgesLegendAndACaptionNamingMethodPromptsAndCut() throws Exception {
        Path pdf = tempDir.resolve("window-graph.pdf");
        FigureSpec spec = FigureSpec.parse("7in", null, 300, true, null);
        await(fx(() -> app.models().export().exportCircuit(pdf, spec)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(504, doc.getPage(0).getMediaBox().getWidth(), 1e-3);
            PdfStrokes strokes = new PdfStrokes(doc.getPage(0));
            strokes.processPage(doc.getPage(0));
            assertEquals(12, strokes.curves, "one curve per kept edge");
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains(GraphLegend.POSITIVE_MEANING), text);
            assertTrue(text.contains(TINY_PROMPTS.getFileName().toString()), text);
            assertTrue(text.contains("metric " + app.state().result().metric().jsonName()), text);
            assertTrue(text.contains(app.state().result().method().describe()), text);
            assertTrue(text.contains("top 12 edges"), text);
        }
    }

    @Test
    void histogramExportsAsPdfAndPngWithTheCaption() throws Exception {
        Path pdf = tempDir.resolve("histogram.pdf");
        Path png = tempDir.resolve("histogram-4in.png");
        await(fx(() -> app.models().export().exportHistogram(pdf, FigureSpec.natural(1))));
        await(fx(() -> app.models().export().exportHistogram(png, FigureSpec.parse("4in", "2in", 150, true, "Figure 3"))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("T = "), text);
            assertTrue(text.contains("top 12 edges") && text.contains("metric "), text);
        }
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(300, image.getHeight());
        assertEquals("Figure 3", PngCanvas.readText(png).get("Description"));
    }

    @Test
    void theDialogSaysWhatIsWrongInOneLineAndOnlyThenAllowsOk() throws Exception {
        FigureExportDialog dialog = fx(() -> new FigureExportDialog("Export graph", true, "auto caption"));
        TextField width = (TextField) dialog.getDialogPane().lookup("#figureWidth");
        TextField height = (TextField) dialog.getDialogPane().lookup("#figureHeight");
        TextField dpi = (TextField) dialog.getDialogPane().lookup("#figureDpi");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> unit = (ChoiceBox<String>) dialog.getDialogPane().lookup("#figureUnit");
        @SuppressWarnings("unchecked")
        ChoiceBox<ExportFormat> format = (ChoiceBox<ExportFormat>) dialog.getDialogPane().lookup("#figureFormat");
        CheckBox caption = (CheckBox) dialog.getDialogPane().lookup("#figureCaption");
        assertNotNull(width);
        assertEquals("", fx(dialog::problem), "the defaults are a valid figure");
        assertFalse(fx(() -> dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled()));

        fxRun(() -> width.setText("seven"));
        assertTrue(fx(dialog::problem).startsWith("width: expected a positive length"), fx(dialog::problem));
        assertTrue(fx(() -> dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled()));
        fxRun(() -> width.setText("0.5"));
        assertTrue(fx(dialog::problem).startsWith("width 0.5in is out of range"), fx(dialog::problem));
        fxRun(() -> {
            unit.setValue("px");
            width.setText("1200");
            height.setText("800");
            dpi.setText("abc");
        });
        assertTrue(fx(dialog::problem).startsWith("dpi: expected a number"), fx(dialog::problem));
        fxRun(() -> dpi.setText("300"));
        assertEquals("", fx(dialog::problem));
        FigureSpec spec = fx(dialog::spec);
        assertEquals(288, spec.width().points(spec.dpi()), 1e-9, "1200 px at 300 dpi is 4 in");
        fxRun(() -> {
            format.setValue(ExportFormat.PNG);
            width.setText("20000");
            height.setText("20000");
        });
        assertTrue(fx(dialog::problem).contains("too large"), fx(dialog::problem));
        fxRun(() -> format.setValue(ExportFormat.CSV));
        assertEquals("", fx(dialog::problem), "CSV has no size");
        fxRun(() -> {
            format.setValue(ExportFormat.PDF);
            width.setText("7in");
            height.setText("");
            caption.setSelected(false);
        });
        assertEquals("", fx(dialog::problem));
        assertEquals(null, fx(dialog::spec).caption("auto"), "caption off");
    }

    @Test
    void copyGraphPutsThePngFigureOnTheClipboard() throws Exception {
        fxRun(() -> Clipboard.getSystemClipboard().clear());
        MenuItem copy = fx(() -> {
            MenuBar bar = (MenuBar) app.scene.getRoot().lookup(".menu-bar");
            for (Menu m : bar.getMenus()) {
                for (MenuItem i : m.getItems()) {
                    if ("copyGraphPng".equals(i.getId())) {
                        return i;
                    }
                }
            }
            return null;
        });
        assertNotNull(copy);
        fxRun(copy::fire);
        // Drawn on the file worker, then put on the clipboard on the FX thread.
        org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                () -> !app.errors.isEmpty() || fx(() -> Clipboard.getSystemClipboard().hasImage()));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertTrue(fx(() -> Clipboard.getSystemClipboard().hasImage()), "an image on the clipboard");
        assertTrue(fx(() -> Clipboard.getSystemClipboard().getImage().getWidth()) > 100);
    }
}
