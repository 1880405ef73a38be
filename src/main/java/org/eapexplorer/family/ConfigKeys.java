package org.eapexplorer.family;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eapexplorer.model.ModelFormatException;

/**
 * What a family does with every key of its transformers configuration class (and of PreTrainedConfig, which every class
 * inherits): {@link #read} (the family's reader gives it its meaning, or refuses what it cannot honour), {@link #harmless}
 * (changes nothing at inference: dropout, initialisation, caching, generation defaults, …), or refused by name unless it
 * holds the value the engine computes with. Keys no class defines are kept by transformers as attributes that its code
 * for these families does not read; they are ignored too, and listed ({@link #unread}) so that a caller can say so.
 * Each family's table lives in the family's folder; {@link #COMMON} holds PreTrainedConfig's.
 */
public final class ConfigKeys {

    /** Whether a present key holds a value the engine computes alike; it may read the key through {@code json}. */
    @FunctionalInterface
    public interface Accepts {
        boolean test(ConfigJson json, String key) throws ModelFormatException;
    }

    /** A key refused unless {@code accepts}; {@code why} says what it would change, for the message. */
    public record Refused(String key, String accepted, Accepts accepts, String why) {
    }

    /** PreTrainedConfig's own keys, the same for every family. */
    public static final ConfigKeys COMMON = new ConfigKeys(
            List.of("architectures", "model_type"),
            List.of("transformers_version", "torch_dtype", "dtype", "_name_or_path", "name_or_path", "use_cache", "initializer_range",
                    "is_decoder", "is_encoder_decoder", "add_cross_attention", "tie_encoder_decoder", "cross_attention_hidden_size",
                    "output_hidden_states", "output_attentions", "return_dict", "torchscript", "use_bfloat16", "tf_legacy_loss",
                    "id2label", "label2id", "num_labels", "problem_type", "finetuning_task", "tokenizer_class", "prefix",
                    "task_specific_params", "pad_token_id", "bos_token_id", "eos_token_id", "sep_token_id", "decoder_start_token_id",
                    "chunk_size_feed_forward", "_attn_implementation", "attn_implementation", "_attn_implementation_autoset",
                    "auto_map", "max_length", "min_length", "do_sample", "early_stopping", "num_beams", "num_beam_groups",
                    "diversity_penalty", "temperature", "top_k", "top_p", "typical_p", "repetition_penalty", "length_penalty",
                    "no_repeat_ngram_size", "encoder_no_repeat_ngram_size", "bad_words_ids", "num_return_sequences",
                    "output_scores", "return_dict_in_generate", "forced_bos_token_id", "forced_eos_token_id",
                    "remove_invalid_values", "exponential_decay_length_penalty", "suppress_tokens", "begin_suppress_tokens"),
            List.of(new Refused("pruned_heads", "{} or null", ConfigKeys::emptyOrNull,
                            "the checkpoint's attention would have fewer heads than the config declares"),
                    new Refused("quantization_config", "null", (json, key) -> json.isNullOrAbsent(key),
                            "quantized weights (GPTQ, AWQ, bitsandbytes, …) are not supported")));

    private final Set<String> read;
    private final Set<String> harmless;
    private final Map<String, Refused> refused = new LinkedHashMap<>();

    public ConfigKeys(List<String> read, List<String> harmless, List<Refused> refused) {
        this.read = new LinkedHashSet<>(read);
        this.harmless = new LinkedHashSet<>(harmless);
        for (Refused r : refused) {
            this.refused.put(r.key(), r);
        }
    }

    /** The keys the family's reader reads (and refuses, where the engine cannot honour what they hold). */
    public Set<String> read() {
        return Set.copyOf(read);
    }

    /** The keys that change nothing at inference, accepted whatever they hold. */
    public Set<String> harmless() {
        return Set.copyOf(harmless);
    }

    /** The keys refused unless they hold the one value the engine computes with. */
    public List<Refused> refused() {
        return List.copyOf(refused.values());
    }

    /** Refuses, naming the key, the first key of this table or {@link #COMMON}'s that holds what the engine cannot honour. */
    public void check(ConfigJson json) throws ModelFormatException {
        for (ConfigKeys table : List.of(COMMON, this)) {
            for (Refused r : table.refused.values()) {
                if (json.json().has(r.key()) && !r.accepts().test(json, r.key())) {
                    throw json.refuse("'" + r.key() + "' is " + json.get(r.key()) + ", which is not supported: " + r.why()
                            + " (supported: " + r.accepted() + ")");
                }
            }
        }
    }

    /** The keys of {@code json} that neither this table nor {@link #COMMON} names, in file order. */
    public List<String> unread(ConfigJson json) {
        List<String> out = new ArrayList<>();
        for (String key : json.json().keySet()) {
            if (!knows(key) && !COMMON.knows(key)) {
                out.add(key);
            }
        }
        return out;
    }

    private boolean knows(String key) {
        return read.contains(key) || harmless.contains(key) || refused.containsKey(key);
    }

    /** A boolean key refused unless it is {@code expected} (null is refused as not a boolean). */
    public static Refused mustBe(String key, boolean expected, String why) {
        return new Refused(key, String.valueOf(expected), (json, k) -> json.flag(k, expected) == expected, why);
    }

    private static boolean emptyOrNull(ConfigJson json, String key) {
        JsonElement e = json.get(key);
        return e.isJsonNull() || (e.isJsonObject() && e.getAsJsonObject().size() == 0) || (e.isJsonArray() && e.getAsJsonArray().isEmpty());
    }
}
