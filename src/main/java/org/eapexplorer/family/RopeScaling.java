package org.eapexplorer.family;

import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.Rotary;

/**
 * The rotary frequencies a config asks for: θ^(−2i/dims), changed by {@code rope_scaling} as Hugging Face's
 * modeling_rope_utils computes them — "default" (none), "linear" (every frequency ÷ factor) and "llama3" (Llama 3.1's:
 * long wavelengths ÷ factor, short ones kept, those between smoothly blended). Scalings that depend on the prompt's
 * length (dynamic, YaRN, LongRoPE) are refused by name.
 */
public final class RopeScaling {

    private RopeScaling() {
    }

    public static Rotary rotary(int dims, double theta, ConfigJson scaling) throws ModelFormatException {
        double[] f = Rotary.frequencies(dims, theta);
        if (scaling == null) {
            return new Rotary(dims, f);
        }
        String type = scaling.has("rope_type") ? scaling.string("rope_type") : scaling.string("type", "default");
        switch (type) {
            case "default" -> { }
            case "linear" -> {
                double factor = factor(scaling);
                for (int i = 0; i < f.length; i++) {
                    f[i] /= factor;
                }
            }
            case "llama3" -> llama3(f, scaling);
            default -> throw scaling.refuse("rope_scaling type '" + type + "' is not supported (supported: default, linear, llama3)");
        }
        return new Rotary(dims, f);
    }

    private static void llama3(double[] f, ConfigJson s) throws ModelFormatException {
        double factor = factor(s);
        double low = s.number("low_freq_factor");
        double high = s.number("high_freq_factor");
        double context = s.number("original_max_position_embeddings");
        if (!(high > low)) {
            throw s.refuse("rope_scaling's high_freq_factor (" + high + ") must exceed its low_freq_factor (" + low + ")");
        }
        double lowWavelength = context / low;
        double highWavelength = context / high;
        for (int i = 0; i < f.length; i++) {
            double wavelength = 2 * Math.PI / f[i];
            if (wavelength > lowWavelength) {
                f[i] /= factor;
            } else if (wavelength >= highWavelength) {
                double smooth = (context / wavelength - low) / (high - low);
                f[i] = (1 - smooth) * f[i] / factor + smooth * f[i];
            }
        }
    }

    private static double factor(ConfigJson s) throws ModelFormatException {
        double factor = s.number("factor");
        if (!(factor > 0)) {
            throw s.refuse("rope_scaling's factor must be positive, got " + factor);
        }
        return factor;
    }
}
