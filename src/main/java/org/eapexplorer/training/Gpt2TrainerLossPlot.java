package org.eapexplorer.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a training run as a small PNG with java.awt (headless): the training loss on a log scale and,
 * when given, an accuracy in [0, 1] on a second axis, both against the step.
 */
public final class Gpt2TrainerLossPlot {

    /** One logged point; {@code accuracy} is NaN where none was measured. */
    public record Point(int step, double loss, double accuracy) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color LOSS = new Color(0x1f, 0x77, 0xb4);
    private static final Color ACCURACY = new Color(0xd6, 0x27, 0x28);

    private Gpt2TrainerLossPlot() {
    }

    public static void write(Path file, String title, List<Point> points) throws IOException {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int maxStep = points.get(points.size() - 1).step();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Point p : points) {
                lo = Math.min(lo, p.loss());
                hi = Math.max(hi, p.loss());
            }
            double logLo = Math.floor(Math.log10(Math.max(lo, 1e-6)));
            double logHi = Math.ceil(Math.log10(Math.max(hi, 1e-6)));
            if (logHi <= logLo) {
                logHi = logLo + 1;
            }
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;

            g.setColor(new Color(0xdd, 0xdd, 0xdd));
            for (double e = logLo; e <= logHi + 1e-9; e++) {
                int y = TOP + (int) Math.round(plotH * (logHi - e) / (logHi - logLo));
                g.drawLine(LEFT, y, LEFT + plotW, y);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(LEFT, TOP, plotW, plotH);
            for (int i = 0; i <= 5; i++) {
                int step = (int) Math.round(maxStep * i / 5.0);
                int x = LEFT + (int) Math.round(plotW * step / (double) maxStep);
                g.drawLine(x, TOP + plotH, x, TOP + plotH + 4);
                String label = Integer.toString(step);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
            }
            g.drawString("step", LEFT + plotW / 2 - 12, HEIGHT - 12);
            g.setColor(LOSS);
            for (double e = logLo; e <= logHi + 1e-9; e++) {
                int y = TOP + (int) Math.round(plotH * (logHi - e) / (logHi - logLo));
                String label = e >= 0 ? String.format(Locale.ROOT, "%.0f", Math.pow(10, e)) : "1e" + (int) e;
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            g.drawString("training loss (nats, log scale)", LEFT, TOP - 8);

            Path2D loss = new Path2D.Double();
            Path2D acc = new Path2D.Double();
            boolean anyAcc = false;
            for (Point p : points) {
                double x = LEFT + plotW * p.step() / (double) maxStep;
                double y = TOP + plotH * (logHi - Math.log10(Math.max(p.loss(), 1e-6))) / (logHi - logLo);
                if (loss.getCurrentPoint() == null) {
                    loss.moveTo(x, y);
                } else {
                    loss.lineTo(x, y);
                }
                if (!Double.isNaN(p.accuracy())) {
                    double ya = TOP + plotH * (1 - p.accuracy());
                    if (acc.getCurrentPoint() == null) {
                        acc.moveTo(x, ya);
                    } else {
                        acc.lineTo(x, ya);
                    }
                    anyAcc = true;
                }
            }
            g.setStroke(new BasicStroke(2f));
            g.draw(loss);
            if (anyAcc) {
                g.setColor(ACCURACY);
                g.draw(acc);
                g.setStroke(new BasicStroke(1f));
                for (int i = 0; i <= 4; i++) {
                    int y = TOP + (int) Math.round(plotH * (1 - i / 4.0));
                    g.drawLine(LEFT + plotW, y, LEFT + plotW + 4, y);
                    g.drawString(String.format(Locale.ROOT, "%.2f", i / 4.0), LEFT + plotW + 8, y + 4);
                }
                String label = "held-out accuracy";
                g.drawString(label, LEFT + plotW - g.getFontMetrics().stringWidth(label), TOP - 8);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, LEFT, 18);
        } finally {
            g.dispose();
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available for " + file);
        }
        org.eapexplorer.io.AtomicFiles.writeBytes(file, png.toByteArray());
    }
}
