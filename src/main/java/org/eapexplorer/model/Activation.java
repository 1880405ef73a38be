package org.eapexplorer.model;

import java.util.Locale;

/** The MLP non-linearities that GPT-2-style checkpoints name in {@code activation_function}. */
public enum Activation {
    /** GPT-2's own: the tanh approximation of GELU ("gelu_new", "gelu_pytorch_tanh"). */
    GELU_TANH,
    /** The exact erf form ("gelu"). */
    GELU_ERF,
    RELU;

    /** Parses a Hugging Face {@code activation_function} value; null when the name is unknown. */
    public static Activation fromHuggingFace(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "gelu" -> GELU_ERF;
            case "relu" -> RELU;
            default -> null;
        };
    }
}
