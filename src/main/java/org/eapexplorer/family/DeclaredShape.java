package org.eapexplorer.family;

import java.util.List;
import org.eapexplorer.model.ModelFormatException;

/**
 * A tensor's shape as config.json's keys declare it, each dimension named by the key it comes from ("hidden_size",
 * "num_attention_heads·head_dim"): the sizes a config declares are checked against the checkpoint's header, before
 * anything is read or allocated from them, and a disagreement names config.json, the key and the tensor.
 */
public record DeclaredShape(String tensor, long[] shape, String... keys) {

    public DeclaredShape {
        if (keys.length != shape.length) {
            throw new IllegalArgumentException(tensor + ": " + shape.length + " dimensions, " + keys.length + " keys");
        }
    }

    /** Refuses the first tensor whose header shape disagrees; a tensor the checkpoint lacks is left to the reader to report. */
    public static void check(List<DeclaredShape> declared, TensorSource in) throws ModelFormatException {
        for (DeclaredShape d : declared) {
            long[] actual = in.shape(d.tensor());
            if (actual == null || java.util.Arrays.equals(actual, d.shape())) {
                continue;
            }
            String what = "(" + String.join(", ", d.keys()) + ")";
            String key = "the shape " + what;
            if (actual.length == d.shape().length) {
                for (int i = 0; i < actual.length; i++) {
                    if (actual[i] != d.shape()[i]) {
                        key = d.keys()[i] + " " + d.shape()[i];
                        break;
                    }
                }
            }
            throw new ModelFormatException(in.directory().resolve("config.json") + ": " + key + " disagrees with the checkpoint: "
                    + in.fileOf(d.tensor()) + ": tensor '" + d.tensor() + "' has shape " + TensorSource.describeShape(actual)
                    + " but config.json implies " + TensorSource.describeShape(d.shape()) + " = " + what);
        }
    }

    /**
     * Refuses a layer count ({@code key}) that the checkpoint contradicts: its last declared layer's tensor
     * {@code layerTensor} missing, or the tensor of one layer more present.
     */
    public static void checkLayers(int layers, java.util.function.IntFunction<String> layerTensor, String key, TensorSource in)
            throws ModelFormatException {
        String last = layerTensor.apply(layers - 1);
        String beyond = layerTensor.apply(layers);
        if (!in.has(last) || in.has(beyond)) {
            throw new ModelFormatException(in.directory().resolve("config.json") + ": " + key + " " + layers + " disagrees with the checkpoint: "
                    + in.describe() + (in.has(beyond) ? " has '" + beyond + "', a layer beyond the last" : " has no '" + last + "' for the last layer"));
        }
    }
}
