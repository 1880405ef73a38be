package org.eapexplorer.family;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelFormatException;

/** A config.json's keys read with one message style: the file, the key, what it holds and what was expected. */
public record ConfigJson(JsonObject json, Path file) {

    public boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    public JsonElement get(String key) {
        return json.get(key);
    }

    /** An optional boolean key, {@code otherwise} when absent or null. */
    public boolean flag(String key, boolean otherwise) throws ModelFormatException {
        if (!has(key)) {
            return otherwise;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new ModelFormatException(file + ": '" + key + "' must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    public int integer(String key) throws ModelFormatException {
        double v = number(key);
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new ModelFormatException(file + ": '" + key + "' must be a non-negative integer, got " + json.get(key));
        }
        return (int) v;
    }

    public int integer(String key, int otherwise) throws ModelFormatException {
        return has(key) ? integer(key) : otherwise;
    }

    public double number(String key) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ModelFormatException(file + ": missing key '" + key + "'");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ModelFormatException(file + ": '" + key + "' must be a number, got " + e);
        }
        if (!Double.isFinite(e.getAsDouble())) {
            throw new ModelFormatException(file + ": '" + key + "' is " + e + ", beyond the range of a number");
        }
        return e.getAsDouble();
    }

    public double number(String key, double otherwise) throws ModelFormatException {
        return has(key) ? number(key) : otherwise;
    }

    public String string(String key) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ModelFormatException(file + ": '" + key + "' must be a string, got " + e);
        }
        return e.getAsString();
    }

    public String string(String key, String otherwise) throws ModelFormatException {
        return has(key) ? string(key) : otherwise;
    }

    /** A nested object (rope_scaling), null when absent or null. */
    public ConfigJson object(String key) throws ModelFormatException {
        if (!has(key)) {
            return null;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonObject()) {
            throw new ModelFormatException(file + ": '" + key + "' must be an object, got " + e);
        }
        return new ConfigJson(e.getAsJsonObject(), file);
    }

    /** hidden_size / num_attention_heads, refused unless the heads divide the width (the keys of every family but GPT-2). */
    public int headSize() throws ModelFormatException {
        int dModel = integer("hidden_size");
        int nHead = integer("num_attention_heads");
        if (nHead == 0 || dModel % nHead != 0) {
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
