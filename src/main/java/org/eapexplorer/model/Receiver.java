package org.eapexplorer.model;

/**
 * A downstream input of the graph: the copy of the residual stream that one consumer reads.
 * Attention heads have three (q, k, v); an MLP and the logits have one, with {@code qkv == null}.
 */
public record Receiver(NodeId node, Qkv qkv) {

    public Receiver {
        boolean head = node instanceof NodeId.Head;
        if (head != (qkv != null)) {
            throw new IllegalArgumentException("a head receives through q/k/v, other nodes through one input: " + node.name() + " " + qkv);
        }
        if (node instanceof NodeId.Input) {
            throw new IllegalArgumentException("input receives nothing");
        }
    }

    public String name() {
        return qkv == null ? node.name() : node.name() + qkv.suffix();
    }
}
