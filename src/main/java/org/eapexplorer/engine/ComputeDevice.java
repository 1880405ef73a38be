package org.eapexplorer.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** The user's choice of device; {@link #resolve} turns it into a DJL device or says why it cannot. */
public enum ComputeDevice {
    CPU, GPU, AUTO;

    public static ComputeDevice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + text + "' (expected cpu, gpu or auto)");
        }
    }

    Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("--device gpu was requested, but the PyTorch engine sees no CUDA GPU "
                            + "(this build ships the CPU libtorch; use --device cpu or auto)");
                }
                yield Device.gpu();
            }
        };
    }

    /** How the device is named to the user: "CPU (2 threads)" or "GPU 0 (CUDA)". */
    static String describe(Device device) {
        if (device.isGpu()) {
            return "GPU " + device.getDeviceId() + " (CUDA)";
        }
        return "CPU (" + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " threads)";
    }
}
