package org.eapexplorer.circuit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The two colours that say a score's sign, each with the weak tone the weakest kept edges take. {@link #RED_BLUE} is
 * ColorBrewer's RdBu ends (the program's original colours); {@link #OKABE_ITO} is Okabe and Ito's colour-blind-safe
 * vermillion and blue (Okabe &amp; Ito 2008, "Color Universal Design"), which stay apart under protanopia,
 * deuteranopia and tritanopia alike, where red against blue can lose much of its contrast for a deuteranope at weak tones.
 */
public enum SignPalette {
    RED_BLUE("red-blue", "Red / blue", Rgba.hex("#B2182B"), Rgba.hex("#EF8A62"), Rgba.hex("#2166AC"), Rgba.hex("#67A9CF")),
    OKABE_ITO("okabe-ito", "Colour-blind safe (Okabe–Ito)", Rgba.hex("#D55E00"), Rgba.hex("#F0B48A"), Rgba.hex("#0072B2"),
            Rgba.hex("#80B9D8"));

    private final String cliName;
    private final String label;
    private final Rgba positive;
    private final Rgba positiveWeak;
    private final Rgba negative;
    private final Rgba negativeWeak;

    SignPalette(String cliName, String label, Rgba positive, Rgba positiveWeak, Rgba negative, Rgba negativeWeak) {
        this.cliName = cliName;
        this.label = label;
        this.positive = positive;
        this.positiveWeak = positiveWeak;
        this.negative = negative;
        this.negativeWeak = negativeWeak;
    }

    /** The name {@code render --palette} and the settings file use. */
    public String cliName() { return cliName; }

    /** What the window's menu shows. */
    public String label() { return label; }

    public Rgba positive() { return positive; }

    public Rgba positiveWeak() { return positiveWeak; }

    public Rgba negative() { return negative; }

    public Rgba negativeWeak() { return negativeWeak; }

    /** The colour a legend names for positive scores, e.g. "red" or "vermillion". */
    public String positiveName() {
        return this == RED_BLUE ? "red" : "vermillion";
    }

    public String negativeName() {
        return "blue";
    }

    public static Optional<SignPalette> forName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.cliName.equals(n)).findFirst();
    }

    /** {@code red-blue, okabe-ito}, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(SignPalette::cliName).collect(Collectors.joining(", "));
    }
}
