package org.eapexplorer.model;

/**
 * A node of the computational graph in the naming used by the Python EAP tools (EAP-IG, auto-circuit):
 * {@code input}, {@code a{layer}.h{head}}, {@code m{layer}}, {@code logits}.
 */
public sealed interface NodeId permits NodeId.Input, NodeId.Head, NodeId.Mlp, NodeId.Logits {

    String name();

    /** Layer the node belongs to; -1 for {@code input}, n_layer for {@code logits}. */
    int layer();

    record Input() implements NodeId {
        public String name() { return "input"; }
        public int layer() { return -1; }
    }

    record Head(int layer, int head) implements NodeId {
        public String name() { return "a" + layer + ".h" + head; }
    }

    record Mlp(int layer) implements NodeId {
        public String name() { return "m" + layer; }
    }

    record Logits(int layer) implements NodeId {
        public String name() { return "logits"; }
    }

    /** Parses {@code input}, {@code a3.h7}, {@code m2}; {@code logits} needs the layer count, so it is parsed by {@link GraphIndex}. */
    static NodeId parse(String name, int nLayer) {
        if (name.equals("input")) {
            return new Input();
        }
        if (name.equals("logits")) {
            return new Logits(nLayer);
        }
        try {
            if (name.startsWith("a")) {
                int dot = name.indexOf(".h");
                if (dot > 1) {
                    return new Head(Integer.parseInt(name.substring(1, dot)), Integer.parseInt(name.substring(dot + 2)));
                }
            } else if (name.startsWith("m")) {
                return new Mlp(Integer.parseInt(name.substring(1)));
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("not a node name: '" + name + "' (expected input, a{layer}.h{head}, m{layer} or logits)");
    }
}
