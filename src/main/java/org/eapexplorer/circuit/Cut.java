package org.eapexplorer.circuit;

/** How a circuit's edges were chosen: the k strongest edges, or every edge with |score| ≥ a threshold. */
public sealed interface Cut permits Cut.TopK, Cut.AtLeast {

    /** Human-readable, for captions and messages: {@code top 200 edges}, {@code |score| ≥ 0.0125}. */
    String describe();

    /** The k edges of largest |score|; ties at the boundary are broken by edge index, so exactly k are kept. */
    record TopK(int k) implements Cut {
        public TopK {
            if (k < 0) {
                throw new IllegalArgumentException("top-k must not be negative, got " + k);
            }
        }

        public String describe() { return "top " + k + (k == 1 ? " edge" : " edges"); }
    }

    /** Every scored edge with |score| ≥ absThreshold (EAP-IG's {@code apply_threshold(t, absolute=True)}). */
    record AtLeast(double absThreshold) implements Cut {
        public AtLeast {
            if (!(absThreshold >= 0)) {
                throw new IllegalArgumentException("threshold must be ≥ 0 (it applies to |score|), got " + absThreshold);
            }
        }

        public String describe() { return "|score| ≥ " + Numbers.compact(absThreshold); }
    }
}
