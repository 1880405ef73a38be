package org.eapexplorer.family;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.family.gemma2.Gemma2Family;
import org.eapexplorer.family.gemma3.Gemma3Family;
import org.eapexplorer.family.gpt2.Gpt2Family;
import org.eapexplorer.family.llama.LlamaFamily;
import org.eapexplorer.family.mistral.MistralFamily;
import org.eapexplorer.family.neox.GptNeoXFamily;
import org.eapexplorer.family.olmo2.Olmo2Family;
import org.eapexplorer.family.qwen3.Qwen3Family;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;

/**
 * The families the engine runs, and which one a config.json names: by its {@code architectures} list, else its
 * {@code model_type}; a config with neither is GPT-2's (as old GPT-2 and converted TransformerLens configs are).
 * Anything else is refused by name, listing what is supported.
 */
public final class ModelFamilies {

    private static final List<ModelFamily> ALL = List.of(new Gpt2Family(), new LlamaFamily(), new GptNeoXFamily(), new Qwen3Family(),
            new MistralFamily(), new Gemma2Family(), new Gemma3Family(), new Olmo2Family());

    private ModelFamilies() {
    }

    /**
     * What a config.json says: the model, whether its unembedding is tied, the family that reads its tensors, and the
     * keys neither the family's configuration class nor PreTrainedConfig defines (ignored, as transformers' code for the
     * family ignores them).
     */
    public record Read(ModelConfig config, boolean tiedEmbeddings, ModelFamily family, ConfigJson json, List<String> unreadKeys) {

        public Read {
            unreadKeys = List.copyOf(unreadKeys);
        }

        /** Refuses a checkpoint whose header contradicts the config (a declared size, a bias the config rules out). */
        public void checkAgainst(TensorSource in) throws ModelFormatException {
            family.checkAgainst(config, json, in);
        }
    }

    public static Read read(Path configFile) throws ModelFormatException {
        ConfigJson json = new ConfigJson(object(configFile), configFile);
        Family named = familyOf(json);
        ModelFamily family = of(named);
        ModelConfig config = family.config(named, json);
        boolean tied = family.tiedEmbeddings(json);
        ConfigKeys keys = family.keys(named);
        keys.check(json);
        return new Read(config, tied, family, json, keys.unread(json));
    }

    /** The model config.json describes. */
    public static ModelConfig readConfig(Path configFile) throws ModelFormatException {
        return read(configFile).config();
    }

    /** The reader of {@code family}. */
    public static ModelFamily of(Family family) {
        return ALL.stream().filter(f -> f.families().contains(family)).findFirst().orElseThrow();
    }

    private static Family familyOf(ConfigJson json) throws ModelFormatException {
        String named = null;
        if (json.has("architectures")) {
            JsonElement list = json.get("architectures");
            if (!list.isJsonArray()) {
                throw json.refuse("'architectures' must be a list of class names, got " + list);
            }
            for (JsonElement e : list.getAsJsonArray()) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw json.refuse("'architectures' must be a list of class names, got " + list);
                }
                Family f = Family.byName(e.getAsString());
                if (f != null) {
                    return f;
                }
                named = named == null ? "architectures " + list : named;
            }
        }
        if (json.has("model_type")) {
            String type = json.string("model_type");
            Family f = Family.byName(type);
            if (f != null) {
                return f;
            }
            named = (named == null ? "" : named + ", ") + "model_type '" + type + "'";
        }
        if (named != null) {
            throw json.refuse(named + " is not a supported architecture; supported: " + Family.supportedArchitectures());
        }
        return Family.GPT2;
    }

    private static JsonObject object(Path configFile) throws ModelFormatException {
        try {
            JsonElement root = JsonFiles.read(configFile);
            if (!root.isJsonObject()) {
                throw new ModelFormatException(configFile + ": expected a JSON object, found " + JsonFiles.kindOf(root));
            }
            return root.getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(configFile + ": not found (a Hugging Face model directory needs config.json)");
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }
}
