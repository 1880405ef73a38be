package org.eapexplorer.cli;

import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import picocli.CommandLine.Option;

/** {@code --method} and {@code --ig-steps}: which gradient the scores take (see AttributionMethod). */
final class MethodOptions {

    @Option(names = "--method", defaultValue = "eap", paramLabel = "NAME",
            description = "eap (default), eap-ig-inputs or clean-corrupted: EAP-IG's names for how the gradient is taken")
    String method;

    @Option(names = "--ig-steps", paramLabel = "N",
            description = "eap-ig-inputs: interpolation steps, each a forward and a backward pass (default: " + MethodSpec.DEFAULT_IG_STEPS + ")")
    Integer steps;

    /** @throws IllegalArgumentException with one line saying what is wrong */
    MethodSpec spec() {
        AttributionMethod m = AttributionMethod.parse(method);
        if (steps == null) {
            return MethodSpec.of(m);
        }
        if (!m.usesSteps()) {
            throw new IllegalArgumentException("--ig-steps applies to eap-ig-inputs only, not to --method " + m.cliName());
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--ig-steps must be at least 1, got " + steps);
        }
        return new MethodSpec(m, steps);
    }
}
