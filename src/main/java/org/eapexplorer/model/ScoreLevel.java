package org.eapexplorer.model;

/** What a score file ranks: edges, or EAP-IG's nodes (whose scores are their out-edges' sums, see NodeScores). */
public enum ScoreLevel {
    EDGE("edge"),
    NODE("node");

    private final String cliName;

    ScoreLevel(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static ScoreLevel parse(String name) {
        for (ScoreLevel l : values()) {
            if (l.cliName.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown level '" + name + "' (expected edge or node)");
    }
}
