package org.eapexplorer.family;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.Rotary;

/**
 * The rotary frequencies a config.json asks for, read from either of transformers' forms: v5's {@code rope_parameters}
 * (holding {@code rope_type}, {@code rope_theta}, {@code partial_rotary_factor} and the scaling's keys) and the older
 * top-level keys ({@code rope_theta}, {@code rope_scaling}, and the family's own names such as GPT-NeoX's
 * {@code rotary_emb_base} and {@code rotary_pct}). A setting given in more than one place must agree, or the config is
 * refused naming both places: transformers' versions do not agree which one wins.
 *
 * <p>θ^(−2i/dims), changed as modeling_rope_utils computes it by the rope type: "default" (none), "linear" (every
 * frequency ÷ factor) and "llama3" (Llama 3.1's: long wavelengths ÷ factor, short ones kept, those between smoothly
 * blended). Types that depend on the prompt's length or change the attention's scale (dynamic, yarn, longrope,
 * proportional, …) are refused by name, as is a key the type does not use: it would be ignored in silence.
 *
 * <p>Every value must be finite and positive, and the frequencies it gives must lie in float32's normal range, which
 * transformers computes them in: beyond it they are 0 or ∞ there, and every score NaN.
 */
public final class RopeParameters {

    /**
     * Where a family keeps the base and the rotated fraction of each head outside rope_parameters, and their defaults.
     *
     * @param partial whether the family's attention rotates part of a head (GPT-NeoX); Llama's and Qwen2's rotate the
     *                whole head whatever partial_rotary_factor says (transformers ignores it for the default type and
     *                fails on it for the scaled ones), so there a fraction other than 1 is refused
     */
    public record FamilyKeys(List<String> thetaKeys, double defaultTheta, List<String> fractionKeys, double defaultFraction,
                             boolean partial) {
    }

    /** The scaling keys each supported rope type uses; any other key of modeling_rope_utils' RopeParameters is refused. */
    private static final Map<String, List<String>> USED = Map.of(
            "default", List.of(),
            "linear", List.of("factor"),
            "llama3", List.of("factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings"));
    private static final Set<String> SCALING_KEYS = Set.of("factor", "low_freq_factor", "high_freq_factor",
            "original_max_position_embeddings", "attention_factor", "beta_fast", "beta_slow", "short_factor", "long_factor",
            "mscale", "mscale_all_dim", "truncate");
    private static final Set<String> OTHER_KEYS = Set.of("rope_type", "type", "rope_theta", "partial_rotary_factor");

    private RopeParameters() {
    }

    /** One place a setting is given: the object that holds it and its key there. */
    private record Place(ConfigJson json, String key) {
        String name() {
            return json.name(key);
        }
    }

    /** The rotary embedding of a head of {@code headDim} features, as config.json's rotary keys describe it. */
    public static Rotary rotary(ConfigJson json, int headDim, FamilyKeys keys) throws ModelFormatException {
        List<ConfigJson> dicts = new ArrayList<>();
        for (String name : List.of("rope_scaling", "rope_parameters")) {
            ConfigJson d = dict(json, name);
            if (d != null) {
                dicts.add(d);
            }
        }
        return rotary(json, dicts, headDim, keys);
    }

    /**
     * The rotary embedding of the layers of one type, for a family whose configuration class keeps rotary settings per
     * layer type (Gemma-3's Gemma3TextConfig): transformers v5's {@code rope_parameters} holds an entry per type
     * ({@code rope_parameters.full_attention}, {@code rope_parameters.sliding_attention}); older configs give the type's
     * base under its own top-level key ({@code keys.thetaKeys()}: rope_theta for the global layers, rope_local_base_freq
     * for the local ones) and, where {@code scaled}, the top-level rope_scaling (which Gemma3TextConfig applies to the
     * global layers only).
     */
    public static Rotary rotaryOfLayerType(ConfigJson json, String layerType, boolean scaled, int headDim, FamilyKeys keys)
            throws ModelFormatException {
        List<ConfigJson> dicts = new ArrayList<>();
        if (scaled) {
            ConfigJson legacy = dict(json, "rope_scaling");
            if (legacy != null) {
                dicts.add(legacy);
            }
        }
        ConfigJson perType = json.object("rope_parameters");
        if (perType != null) {
            for (String key : perType.json().keySet()) {
                if (!key.equals("full_attention") && !key.equals("sliding_attention")) {
                    throw json.refuse("'" + perType.name(key) + "': this family's rope_parameters holds one entry per layer type, "
                            + "'full_attention' and 'sliding_attention'");
                }
            }
            ConfigJson mine = dict(perType, layerType);
            if (mine == null) {
                throw json.refuse("'" + perType.name(layerType) + "' is missing: the " + layerType + " layers' rotary settings");
            }
            dicts.add(mine);
        }
        return rotary(json, dicts, headDim, keys);
    }

    private static Rotary rotary(ConfigJson json, List<ConfigJson> dicts, int headDim, FamilyKeys keys) throws ModelFormatException {
        String type = type(json, dicts);
        List<String> used = USED.get(type);
        if (used == null) {
            throw json.refuse(typePlaces(dicts) + " type '" + type + "' is not supported (supported: default, linear, llama3; the others "
                    + "depend on the prompt's length or rescale attention)");
        }
        for (ConfigJson d : dicts) {
            for (String key : d.json().keySet()) {
                if (SCALING_KEYS.contains(key) && !used.contains(key)) {
                    throw json.refuse("'" + d.name(key) + "' has no effect with rope type '" + type + "' (it uses "
                            + (used.isEmpty() ? "no scaling keys" : String.join(", ", used)) + "); remove it or give the type it belongs to");
                }
            }
        }
        List<Place> thetaPlaces = places(json, dicts, keys.thetaKeys(), "rope_theta");
        double theta = agreed(json, thetaPlaces, keys.defaultTheta());
        double fraction = fraction(json, dicts, keys);
        int dims = (int) (headDim * fraction);
        if (dims <= 0 || dims % 2 != 0) {
            List<Place> given = places(json, dicts, keys.fractionKeys(), "partial_rotary_factor");
            String name = given.isEmpty() ? keys.fractionKeys().get(0) + " (default)" : given.get(0).name();
            throw json.refuse(name + " " + fraction + " of a head of " + headDim + " gives " + dims
                    + " rotary dimensions; they must be a positive even number");
        }
        String thetaName = thetaPlaces.isEmpty() ? keys.thetaKeys().get(0) + " (default " + keys.defaultTheta() + ")" : thetaPlaces.get(0).name();
        double lowest = Rotary.frequency(dims / 2 - 1, dims, theta);
        requireRepresentable(json, "'" + thetaName + "' " + theta, Rotary.frequency(0, dims, theta), lowest, dims);
        if (type.equals("default")) {
            return new Rotary(dims, () -> Rotary.frequencies(dims, theta));
        }
        List<Place> factorPlaces = places(json, dicts, List.of(), "factor");
        double factor = required(json, factorPlaces, type, "factor");
        requireRepresentable(json, "'" + factorPlaces.get(0).name() + "' " + factor, 1 / factor, lowest / factor, dims);
        if (type.equals("linear")) {
            return new Rotary(dims, () -> linear(Rotary.frequencies(dims, theta), factor));
        }
        List<String> top = List.of("original_max_position_embeddings");
        double low = required(json, places(json, dicts, List.of(), "low_freq_factor"), type, "low_freq_factor");
        double high = required(json, places(json, dicts, List.of(), "high_freq_factor"), type, "high_freq_factor");
        double context = required(json, places(json, dicts, top, "original_max_position_embeddings"), type, "original_max_position_embeddings");
        if (!(high > low)) {
            throw json.refuse("the rope scaling's high_freq_factor (" + high + ") must exceed its low_freq_factor (" + low + ")");
        }
        return new Rotary(dims, () -> llama3(Rotary.frequencies(dims, theta), factor, low, high, context));
    }

    private static double[] linear(double[] f, double factor) {
        for (int i = 0; i < f.length; i++) {
            f[i] /= factor;
        }
        return f;
    }

    /** Each result lies between f and f/factor, so the extremes {@link #rotary} checked bound them all. */
    private static double[] llama3(double[] f, double factor, double low, double high, double context) {
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
        return f;
    }

    /** rope_parameters or rope_scaling, refused when it holds per-layer-type settings or keys transformers does not define. */
    private static ConfigJson dict(ConfigJson json, String name) throws ModelFormatException {
        ConfigJson d = json.object(name);
        if (d == null) {
            return null;
        }
        for (Map.Entry<String, JsonElement> e : d.json().entrySet()) {
            if (e.getValue().isJsonObject()) {
                throw json.refuse("'" + d.name(e.getKey()) + "' holds rotary settings per layer type; one setting for every layer is "
                        + "supported");
            }
            if (!SCALING_KEYS.contains(e.getKey()) && !OTHER_KEYS.contains(e.getKey())) {
                throw json.refuse("'" + d.name(e.getKey()) + "' is not a rotary setting transformers defines (modeling_rope_utils' "
                        + "RopeParameters); it would be ignored");
            }
        }
        return d;
    }

    /** The rope type all places agree on ("type" is its old name); "default" when none names one and no scaling key is given. */
    private static String type(ConfigJson json, List<ConfigJson> dicts) throws ModelFormatException {
        String type = null;
        String where = null;
        for (ConfigJson d : dicts) {
            for (String key : List.of("rope_type", "type")) {
                if (d.json().has(key)) {
                    String t = d.string(key);
                    if (type != null && !type.equals(t)) {
                        throw json.refuse("'" + where + "' ('" + type + "') and '" + d.name(key) + "' ('" + t + "') disagree; "
                                + "transformers' versions differ on which one wins, so give one");
                    }
                    type = t;
                    where = d.name(key);
                }
            }
        }
        if (type != null) {
            return type;
        }
        for (ConfigJson d : dicts) {
            for (String key : d.json().keySet()) {
                if (SCALING_KEYS.contains(key)) {
                    throw json.refuse("'" + d.name(key) + "' is given but no rope_type says which scaling it belongs to "
                            + "(transformers v5 would ignore it, v4 refuse it); add \"rope_type\": \"linear\", \"llama3\", …");
                }
            }
        }
        return "default";
    }

    /** "rope_scaling", "rope_parameters", or both: where the rope type was given. */
    private static String typePlaces(List<ConfigJson> dicts) {
        List<String> names = new ArrayList<>();
        for (ConfigJson d : dicts) {
            if (d.json().has("rope_type") || d.json().has("type")) {
                names.add(d.prefix().substring(0, d.prefix().length() - 1));
            }
        }
        return String.join(" and ", names);
    }

    /** The top-level {@code topKeys} and {@code key} in each of rope_scaling and rope_parameters that are present. */
    private static List<Place> places(ConfigJson json, List<ConfigJson> dicts, List<String> topKeys, String key) {
        List<Place> out = new ArrayList<>();
        for (String k : topKeys) {
            if (json.json().has(k)) {
                out.add(new Place(json, k));
            }
        }
        for (ConfigJson d : dicts) {
            if (d.json().has(key)) {
                out.add(new Place(d, key));
            }
        }
        return out;
    }

    /** The one positive value every place gives, {@code otherwise} when none does; places that disagree are refused naming both. */
    private static double agreed(ConfigJson json, List<Place> places, double otherwise) throws ModelFormatException {
        Double value = null;
        Place first = null;
        for (Place p : places) {
            double v = p.json().positive(p.key());
            if (value != null && v != value) {
                throw json.refuse("'" + first.name() + "' (" + value + ") and '" + p.name() + "' (" + v + ") disagree; "
                        + "transformers' versions differ on which one wins, so give one");
            }
            if (value == null) {
                value = v;
                first = p;
            }
        }
        return value == null ? otherwise : value;
    }

    private static double required(ConfigJson json, List<Place> places, String type, String key) throws ModelFormatException {
        if (places.isEmpty()) {
            throw json.refuse("rope type '" + type + "' needs '" + key + "' in rope_parameters (or rope_scaling)");
        }
        return agreed(json, places, Double.NaN);
    }

    /** The fraction of each head rotated: 0 < f ≤ 1, and 1 unless the family rotates part of a head. */
    private static double fraction(ConfigJson json, List<ConfigJson> dicts, FamilyKeys keys) throws ModelFormatException {
        List<Place> places = places(json, dicts, keys.fractionKeys(), "partial_rotary_factor");
        for (Place p : places) {
            double f = p.json().number(p.key());
            if (!(f > 0 && f <= 1)) {
                throw json.refuse("'" + p.name() + "' " + f + " must be above 0 and at most 1 (the fraction of each head rotated)");
            }
            if (!keys.partial() && f != 1) {
                throw json.refuse("'" + p.name() + "' " + f + " is not supported: this family's attention rotates the whole head "
                        + "(transformers ignores the key for the default rope type and fails on it for the scaled ones)");
            }
        }
        return agreed(json, places, keys.defaultFraction());
    }

    /**
     * Refuses settings whose frequencies, from {@code highest} down to {@code lowest}, leave float32's normal range (in
     * which transformers computes them; there they would be 0 or ∞ and every score NaN).
     */
    private static void requireRepresentable(ConfigJson json, String setting, double highest, double lowest, int dims)
            throws ModelFormatException {
        for (double f : new double[] {highest, lowest}) {
            if (!(f >= Float.MIN_NORMAL && f <= Float.MAX_VALUE)) {
                throw json.refuse(setting + " gives a rotary frequency of " + f + " over " + dims + " rotary dimensions, beyond "
                        + "float32's range (" + Float.MIN_NORMAL + " … " + Float.MAX_VALUE + ") in which transformers computes them; "
                        + "every score would be NaN");
            }
        }
    }
}
