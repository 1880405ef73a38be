package org.eapexplorer.ui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.eapexplorer.io.AtomicFiles;

/** PNG files of what JavaFX shows, from its own snapshot (works headless, unlike a screen capture). */
public final class FxSnapshots {

    private FxSnapshots() {
    }

    public static void writePng(Scene scene, Path file) throws IOException {
        write(scene.snapshot(null), file);
    }

    public static void writePng(Node node, Path file) throws IOException {
        write(node.snapshot(null, null), file);
    }

    public static void write(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        // Drop alpha: viewers show a transparent PNG on their own (often dark) background.
        BufferedImage rgb = new BufferedImage(buffered.getWidth(), buffered.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(buffered, 0, 0, java.awt.Color.WHITE, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(rgb, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        AtomicFiles.writeBytes(file, out.toByteArray());
    }
}
