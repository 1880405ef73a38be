package org.eapexplorer.runtime;

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
                    throw new IllegalStateException(noGpuMessage(DjlRuntime.libtorch()));
                }
                yield Device.gpu();
            }
        };
    }

    /** One line for --device gpu without a usable CUDA device: what was loaded, and what to do about it. */
    static String noGpuMessage(LibtorchChoice libtorch) {
        String fix = "pass --libtorch DIR (or set " + LibtorchChoice.ENV + ") to a libtorch " + LibtorchFolder.REQUIRED_VERSION
                + " cu128 folder or pip torch==" + LibtorchFolder.REQUIRED_VERSION + "'s torch/lib, or use --device cpu";
        if (libtorch.folder().isEmpty()) {
            return "--device gpu: this run uses the bundled CPU libtorch; " + fix;
        }
        LibtorchFolder folder = libtorch.folder().get();
        if (!folder.isCuda()) {
            return "--device gpu: the libtorch in " + folder.lib() + " is a CPU build; " + fix;
        }
        return "--device gpu: libtorch " + folder.flavor() + " from " + folder.lib() + " sees no CUDA device "
                + "(check the NVIDIA driver with nvidia-smi, and CUDA_VISIBLE_DEVICES), or use --device cpu";
    }

    /** How the device is named to the user: "CPU (2 threads)" or "GPU 0 (CUDA)". */
    static String describe(Device device) {
        if (device.isGpu()) {
            return "GPU " + device.getDeviceId() + " (CUDA)";
        }
        return "CPU (" + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " threads)";
    }
}
