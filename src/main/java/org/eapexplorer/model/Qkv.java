package org.eapexplorer.model;

/** Which input of an attention head an edge enters. */
public enum Qkv {
    Q, K, V;

    /** The suffix the EAP tools append to a receiving head's name: {@code <q>}, {@code <k>}, {@code <v>}. */
    public String suffix() {
        return "<" + Character.toLowerCase(name().charAt(0)) + ">";
    }
}
