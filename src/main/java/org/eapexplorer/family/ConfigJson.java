package org.eapexplorer.family;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelFormatException;

/**
 * A config.json's keys read with one message style: the file, the key, what it holds and what was expected. A key that
 * is absent takes transformers' default; a key that is present but {@code null} is refused wherever a value is needed
 * (transformers would store None there and fail or compute something else), and means the default only for the keys
 * whose transformers default is None ({@link #isNullOrAbsent}).
 *
 * @param prefix how keys are named in messages: "" at the top level, "rope_parameters." inside that object
 */
public record ConfigJson(JsonObject json, Path file, String prefix) {

    public ConfigJson(JsonObject json, Path file) {
        this(json, file, "");
    }

    /** Present with a value other than null. */
    public boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    /** Absent, or null: for the keys whose transformers default is None (n_inner, head_dim, rope_scaling, …). */
    public boolean isNullOrAbsent(String key) {
        return !has(key);
    }

    /** The key as messages name it: "rope_parameters.factor" inside rope_parameters. */
    public String name(String key) {
        return prefix + key;
    }

    /** Refuses a key that is present but null, where the key's transformers default is a value, not None. */
    private void requireNotNull(String key) throws ModelFormatException {
        if (json.has(key) && json.get(key).isJsonNull()) {
            throw refuse("'" + name(key) + "' is null; expected a value (remove the key for transformers' default)");
        }
    }

    public JsonElement get(String key) {
        return json.get(key);
    }

    /** An optional boolean key, {@code otherwise} when absent or null. */
    public boolean flag(String key, boolean otherwise) throws ModelFormatException {
        requireNotNull(key);
        if (!has(key)) {
            return otherwise;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw refuse("'" + name(key) + "' must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    public int integer(String key) throws ModelFormatException {
        double v = number(key);
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw refuse("'" + name(key) + "' must be a non-negative integer, got " + json.get(key));
        }
        return (int) v;
    }

    public int integer(String key, int otherwise) throws ModelFormatException {
        requireNotNull(key);
        return has(key) ? integer(key) : otherwise;
    }

    /** A size: an integer of at least 1 (0 would make an empty model, or mean "one per head" to the engine). */
    public int positiveInteger(String key) throws ModelFormatException {
        int v = integer(key);
        if (v < 1) {
            throw refuse("'" + name(key) + "' must be at least 1, got " + json.get(key));
        }
        return v;
    }

    public int positiveInteger(String key, int otherwise) throws ModelFormatException {
        requireNotNull(key);
        return has(key) ? positiveInteger(key) : otherwise;
    }

    /** A number that must be finite and above 0 (an epsilon, a rotary base or factor). */
    public double positive(String key) throws ModelFormatException {
        double v = number(key);
        if (!(v > 0)) {
            throw refuse("'" + name(key) + "' must be a positive number, got " + json.get(key));
        }
        return v;
    }

    public double positive(String key, double otherwise) throws ModelFormatException {
        requireNotNull(key);
        return has(key) ? positive(key) : otherwise;
    }

    public double number(String key) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null) {
            throw refuse("missing key '" + name(key) + "'");
        }
        if (e.isJsonNull()) {
            throw refuse("'" + name(key) + "' is null; expected a number");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw refuse("'" + name(key) + "' must be a number, got " + e);
        }
        if (!Double.isFinite(e.getAsDouble())) {
            throw refuse("'" + name(key) + "' is " + e + ", beyond the range of a number");
        }
        return e.getAsDouble();
    }

    public double number(String key, double otherwise) throws ModelFormatException {
        requireNotNull(key);
        return has(key) ? number(key) : otherwise;
    }

    public String string(String key) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw refuse("'" + name(key) + "' must be a string, got " + e);
        }
        return e.getAsString();
    }

    public String string(String key, String otherwise) throws ModelFormatException {
        requireNotNull(key);
        return has(key) ? string(key) : otherwise;
    }

    /** A nested object (rope_scaling, rope_parameters), its keys named "key.…" in messages; null when absent or null. */
    public ConfigJson object(String key) throws ModelFormatException {
        if (!has(key)) {
            return null;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonObject()) {
            throw refuse("'" + name(key) + "' must be an object, got " + e);
        }
        return new ConfigJson(e.getAsJsonObject(), file, name(key) + ".");
    }

    /** hidden_size / num_attention_heads, refused unless the heads divide the width (the keys of every family but GPT-2). */
    public int headSize() throws ModelFormatException {
        int dModel = positiveInteger("hidden_size");
        int nHead = positiveInteger("num_attention_heads");
        if (dModel % nHead != 0) {
            throw refuse("hidden_size (" + dModel + ") must be a multiple of num_attention_heads (" + nHead + ")");
        }
        return dModel / nHead;
    }

    /** {@code hidden_act} (the families' name for the MLP's non-linearity), {@code otherwise} when absent. */
    public Activation hiddenAct(String otherwise) throws ModelFormatException {
        String act = string("hidden_act", otherwise);
        Activation activation = Activation.fromHuggingFace(act);
        if (activation == null) {
            throw refuse("hidden_act '" + act + "' is not supported (expected silu, gelu, gelu_new, gelu_pytorch_tanh or relu)");
        }
        return activation;
    }

    /** A refusal naming the file: {@code what} should say what was found and what was expected. */
    public ModelFormatException refuse(String what) {
        return new ModelFormatException(file + ": " + what);
    }
}
