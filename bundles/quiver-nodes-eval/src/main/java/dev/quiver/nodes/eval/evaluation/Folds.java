package dev.quiver.nodes.eval.evaluation;

import dev.quiver.api.table.StringColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Assigns rows to cross-validation folds and lists the rows of a fold. */
public final class Folds {
    private Folds() {
    }

    /**
     * Fold of every row, 0-based. Stratified: each class's rows (and the rows of a numeric label, as
     * one group) are shuffled and dealt round-robin, continuing where the previous class stopped so
     * fold sizes differ by at most one. Otherwise all rows are shuffled and dealt the same way.
     */
    public static int[] assign(Optional<StringColumn> strata, int rows, int k, long seed) {
        var random = new SplittableRandom(seed);
        int[] fold = new int[rows];
        List<List<Integer>> groups = new ArrayList<>();
        if (strata.isPresent()) {
            StringColumn s = strata.get();
            for (int g = 0; g < s.domain().size(); g++) {
                groups.add(new ArrayList<>());
            }
            for (int i = 0; i < rows; i++) {
                groups.get(s.code(i)).add(i);
            }
        } else {
            var all = new ArrayList<Integer>();
            for (int i = 0; i < rows; i++) {
                all.add(i);
            }
            groups.add(all);
        }
        int next = 0;
        for (List<Integer> g : groups) {
            for (int i = g.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = g.get(i);
                g.set(i, g.get(j));
                g.set(j, t);
            }
            for (int row : g) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /** The rows of fold {@code f}, in increasing order. */
    public static int[] testRows(int[] fold, int f) {
        return rowsWhere(fold, f, true);
    }

    /** The rows of every other fold, in increasing order. */
    public static int[] trainRows(int[] fold, int f) {
        return rowsWhere(fold, f, false);
    }

    private static int[] rowsWhere(int[] fold, int f, boolean equal) {
        int n = 0;
        for (int v : fold) {
            if ((v == f) == equal) {
                n++;
            }
        }
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == equal) {
                out[j++] = i;
            }
        }
        return out;
    }
}
