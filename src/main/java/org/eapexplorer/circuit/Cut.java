package org.eapexplorer.circuit;

/**
 * How a circuit's edges were chosen: the k strongest edges, every edge with |score| ≥ a threshold, or a set found
 * another way (an ACDC search), drawn over the same scores.
 */
public sealed interface Cut permits Cut.TopK, Cut.AtLeast, Cut.Given {

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

    /** A set of edges chosen by something other than the scores, named by what chose it ({@code ACDC (KL) τ 0.01}). */
    record Given(java.util.BitSet edges, String label) implements Cut {
        public Given {
            edges = (java.util.BitSet) edges.clone();
        }

        @Override
        public java.util.BitSet edges() {
            return (java.util.BitSet) edges.clone();
        }

        public String describe() { return label; }
    }
}
