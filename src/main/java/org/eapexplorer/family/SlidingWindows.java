package org.eapexplorer.family;

import com.google.gson.JsonElement;
import org.eapexplorer.model.ModelFormatException;

/**
 * Which layers of a model attend through a sliding window, and how wide, as transformers decides it from config.json:
 * per layer the window (0 for full causal attention), or an empty array when no layer slides.
 */
public final class SlidingWindows {

    /** Qwen2Config's and Qwen3Config's default {@code max_window_layers}. */
    private static final int QWEN_MAX_WINDOW_LAYERS = 28;

    private SlidingWindows() {
    }

    /**
     * Qwen2 and Qwen3 (their configuration classes' {@code __post_init__}): {@code sliding_window} counts only with
     * {@code use_sliding_window}; {@code layer_types} names each layer "full_attention" or "sliding_attention", and
     * without it the layers from {@code max_window_layers} on slide. A "sliding_attention" layer without a window is
     * refused, as transformers' create_sliding_window_causal_mask refuses it.
     */
    public static int[] qwen(ConfigJson json, int layers) throws ModelFormatException {
        boolean use = json.flag("use_sliding_window", false);
        int window = use && !json.isNullOrAbsent("sliding_window") ? json.positiveInteger("sliding_window") : 0;
        int[] windows = new int[layers];
        boolean[] sliding = layerTypes(json, layers);
        if (sliding != null) {
            for (int l = 0; l < layers; l++) {
                if (sliding[l]) {
                    if (window == 0) {
                        throw json.refuse("'layer_types' makes layer " + l + " \"sliding_attention\" but there is no window ("
                                + (use ? "sliding_window is null" : "use_sliding_window is false") + "); transformers refuses this too");
                    }
                    windows[l] = window;
                }
            }
            return trimmed(windows);
        }
        int from = json.json().has("max_window_layers") ? json.integer("max_window_layers") : QWEN_MAX_WINDOW_LAYERS;   // null refused: an int in Qwen2Config
        for (int l = Math.max(0, from); l < layers && window > 0; l++) {
            windows[l] = window;
        }
        return trimmed(windows);
    }

    /** Mistral: {@code sliding_window} on every layer, none when it is null or absent (MistralModel's one mask). */
    public static int[] everyLayer(ConfigJson json, int layers) throws ModelFormatException {
        if (json.isNullOrAbsent("sliding_window")) {
            return new int[0];
        }
        int[] windows = new int[layers];
        java.util.Arrays.fill(windows, json.positiveInteger("sliding_window"));
        return windows;
    }

    /**
     * Gemma-2 and Gemma-3: {@code sliding_window} on the layers {@code layer_types} calls "sliding_attention", 0 (all earlier
     * positions) on "full_attention" ones; without layer_types, the configuration class's own pattern: layer i slides
     * unless i + 1 is a multiple of {@code pattern} (Gemma-2's 2: layers 0, 2, 4, …; Gemma-3's sliding_window_pattern).
     * A null window while a layer slides is refused.
     */
    public static int[] everyButNth(ConfigJson json, int layers, int pattern, int defaultWindow) throws ModelFormatException {
        boolean[] sliding = layerTypes(json, layers);
        if (sliding == null) {
            sliding = new boolean[layers];
            for (int l = 0; l < layers; l++) {
                sliding[l] = (l + 1) % pattern != 0;
            }
        }
        int[] windows = new int[layers];
        for (int l = 0; l < layers; l++) {
            if (sliding[l]) {
                if (json.get("sliding_window") != null && json.get("sliding_window").isJsonNull()) {
                    throw json.refuse("'sliding_window' is null, but layer_types has sliding-attention layers; expected the window's size");
                }
                windows[l] = json.positiveInteger("sliding_window", defaultWindow);
            }
        }
        return windows;
    }

    /** {@code layer_types}: per layer whether it is "sliding_attention" (else "full_attention"); null when absent or null. */
    private static boolean[] layerTypes(ConfigJson json, int layers) throws ModelFormatException {
        if (json.isNullOrAbsent("layer_types")) {
            return null;
        }
        JsonElement types = json.get("layer_types");
        if (!types.isJsonArray() || types.getAsJsonArray().size() != layers) {
            throw json.refuse("'layer_types' must list one type per layer (" + layers + "), got " + types);
        }
        boolean[] sliding = new boolean[layers];
        for (int l = 0; l < layers; l++) {
            JsonElement t = types.getAsJsonArray().get(l);
            String type = t.isJsonPrimitive() && t.getAsJsonPrimitive().isString() ? t.getAsString() : null;
            if (!"sliding_attention".equals(type) && !"full_attention".equals(type)) {
                throw json.refuse("'layer_types' holds " + t + " at layer " + l + "; expected \"full_attention\" or \"sliding_attention\"");
            }
            sliding[l] = "sliding_attention".equals(type);
        }
        return sliding;
    }

    private static int[] trimmed(int[] windows) {
        return java.util.Arrays.stream(windows).anyMatch(w -> w > 0) ? windows : new int[0];
    }
}
