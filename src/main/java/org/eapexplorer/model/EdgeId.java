package org.eapexplorer.model;

/** An edge u→v of the computational graph, named as the EAP tools name it: {@code a0.h1->a2.h3<q>}, {@code m0->logits}. */
public record EdgeId(NodeId from, Receiver to) {

    public String name() {
        return from.name() + "->" + to.name();
    }

    public NodeId toNode() {
        return to.node();
    }

    public Qkv qkv() {
        return to.qkv();
    }

    @Override
    public String toString() {
        return name();
    }
}
