package org.eapexplorer.ui.run;

import java.nio.file.Path;
import java.util.Objects;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.runtime.ComputeDevice;

/** What Run computes: edge scores of a model on a prompt file, by a method, on a device. */
public record RunRequest(Path modelDir, Path promptFile, ComputeDevice device, MethodSpec method) {

    /** Pairs per forward/backward batch; the scores do not depend on it. */
    public static final int BATCH_SIZE = 20;

    public RunRequest {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(promptFile, "promptFile");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(method, "method");
    }

    /** EAP on the given inputs (the launch's default run). */
    public RunRequest(Path modelDir, Path promptFile, ComputeDevice device) {
        this(modelDir, promptFile, device, MethodSpec.EAP);
    }
}
