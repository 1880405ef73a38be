package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TextWidthsTest {

    /** The table against the font the program ships (and the PDF export embeds), measured by AWT. */
    @Test
    void widthsAreDejaVuSansAdvances() throws Exception {
        Font font;
        try (InputStream in = TextWidths.class.getResourceAsStream("/org/eapexplorer/fonts/DejaVuSans.ttf")) {
            font = Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(11f);
        }
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (String text : new String[] {"a0.h1->a2.h3<q>", "EAP −2.009  exact(1) −12.47  gap −10.46", "λ (0 = clean, 1 = edge fully patched)",
                "ROC: TPR against FPR", "m11->logits", "WWW iii 0123456789"}) {
            double awt = font.getStringBounds(text, frc).getWidth();
            assertEquals(awt, TextWidths.of(text, 11), awt * 0.01 + 0.5, text);
        }
    }

    @Test
    void widthScalesWithSizeAndUnknownCharactersAreNeverNarrow() {
        assertEquals(2 * TextWidths.of("logits", 10), TextWidths.of("logits", 20), 1e-9);
        assertEquals(0, TextWidths.of("", 12));
        assertEquals(12, TextWidths.of("漢", 12), 1e-9);
    }
}
