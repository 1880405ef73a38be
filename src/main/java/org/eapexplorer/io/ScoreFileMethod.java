package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;

/**
 * The scoring method a score file's {@code metadata} names ({@link ScoreMetadata}): {@code method} and, for EAP-IG,
 * its {@code steps}. Empty when the file does not say
 * (EAP-IG's {@code to_json} writes no metadata) or names a method that is no {@link AttributionMethod}
 * ({@code acdc}, {@code activation-patching}). EAP-IG without its steps is taken at the program's default.
 */
public final class ScoreFileMethod {

    private ScoreFileMethod() {
    }

    public static Optional<MethodSpec> read(Path file) throws IOException {
        return of(file, CompactScores.rootOf(file, "score file", "with an \"edges\" member"));
    }

    /** As {@link #read}, from the file's object already read ({@link ScoreJson#open}). */
    public static Optional<MethodSpec> of(Path file, JsonObject root) throws IOException {
        JsonElement metadata = root.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            return Optional.empty();
        }
        JsonElement name = metadata.getAsJsonObject().get("method");
        if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
            return Optional.empty();
        }
        AttributionMethod method;
        try {
            method = AttributionMethod.parse(name.getAsString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!method.usesSteps()) {
            return Optional.of(MethodSpec.of(method));
        }
        int steps = ScoreMetadataJson.steps(file, metadata.getAsJsonObject());
        return Optional.of(steps == 0 ? MethodSpec.of(method) : new MethodSpec(method, steps));
    }
}
