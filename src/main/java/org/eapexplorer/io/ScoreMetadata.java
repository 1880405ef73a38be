package org.eapexplorer.io;

/**
 * What a score file is, written as its {@code metadata} member (which EAP-IG's {@code Graph.from_json} ignores) and
 * as {@code cfg.d_model}, which EAP-IG requires. The metric is the score file's own.
 *
 * @param method         how the scores were computed, with EAP-IG's {@code attribute(method=…)} names where there is
 *                       one ({@code eap}); {@code acdc} and {@code activation-patching} for the other writers
 * @param steps          EAP-IG's steps ({@code --ig-steps}) for a method that has them; 0 (not written) otherwise
 * @param level          {@code edge}, or {@code node} when the nodes carry EAP-IG's node scores
 * @param dModel         the model's residual width, EAP-IG's {@code cfg.d_model}
 * @param prompts        the prompt file
 * @param model          the model, by folder name and the SHA-256 of its weights ({@code model.safetensors}, or the index
 *                       and its shards), of its config.json and of its tokenizer files ({@link FileIdentity#ofModel})
 * @param programVersion this program's version
 */
public record ScoreMetadata(String method, int steps, String level, int dModel, FileIdentity prompts, FileIdentity model,
                            String programVersion) {

    /** A method without steps. */
    public ScoreMetadata(String method, String level, int dModel, FileIdentity prompts, FileIdentity model, String programVersion) {
        this(method, 0, level, dModel, prompts, model, programVersion);
    }
}
