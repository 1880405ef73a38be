package org.eapexplorer.model;

/**
 * The model families the engine runs, each named as Hugging Face's {@code architectures} and {@code model_type} name it.
 * They differ in their blocks ({@link BlockDesign}); the graph is the same rule for all of them.
 */
public enum Family {
    GPT2("GPT-2", "gpt2", "GPT2LMHeadModel", "gpt2"),
    LLAMA("Llama", "llama", "LlamaForCausalLM", "llama"),
    QWEN2("Qwen2", "qwen2", "Qwen2ForCausalLM", "qwen2"),
    GPT_NEOX("GPT-NeoX", "gpt-neox", "GPTNeoXForCausalLM", "gpt_neox"),
    QWEN3("Qwen3", "qwen3", "Qwen3ForCausalLM", "qwen3"),
    MISTRAL("Mistral", "mistral", "MistralForCausalLM", "mistral"),
    GEMMA2("Gemma-2", "gemma2", "Gemma2ForCausalLM", "gemma2"),
    GEMMA3("Gemma-3", "gemma3", "Gemma3ForCausalLM", "gemma3_text"),
    OLMO2("OLMo-2", "olmo2", "Olmo2ForCausalLM", "olmo2");

    private final String displayName;
    private final String option;
    private final String architecture;
    private final String modelType;

    Family(String displayName, String option, String architecture, String modelType) {
        this.displayName = displayName;
        this.option = option;
        this.architecture = architecture;
        this.modelType = modelType;
    }

    /** As the command line names it ({@code random-model --arch}): gpt2, llama, qwen2, gpt-neox, qwen3, mistral. */
    public String option() {
        return option;
    }

    /** "Llama", for the status line and messages. */
    public String displayName() {
        return displayName;
    }

    /** The class name config.json lists in {@code architectures}. */
    public String architecture() {
        return architecture;
    }

    /** config.json's {@code model_type}. */
    public String modelType() {
        return modelType;
    }

    /** The family config.json names by {@code architectures} entry or {@code model_type}; null when none is ours. */
    public static Family byName(String name) {
        for (Family f : values()) {
            if (f.architecture.equals(name) || f.modelType.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** "GPT2LMHeadModel, LlamaForCausalLM, …": what a refusal lists. */
    public static String supportedArchitectures() {
        StringBuilder s = new StringBuilder();
        for (Family f : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(f.architecture).append(" (").append(f.modelType).append(')');
        }
        return s.toString();
    }
}
