package dev.quiver.nodes.stats;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnType;
import java.util.List;

@Description("Where the chain comes from, and how many steps ahead to look.")
public record MarkovChainSettings(
        @Label("Input")
        @Description("SEQUENCES: each row is one observed state, in time order; transitions are counted between "
                + "successive rows of the same sequence. MATRIX: the table is a square matrix of transition counts or "
                + "probabilities (row = from, column = to), each row normalised to sum to 1.")
        Source source,

        @Label("State column")
        @Description("SEQUENCES: the column holding the state of each row.")
        @ColumnRef(optional = true)
        String stateColumn,

        @Label("Sequence column")
        @Description("SEQUENCES: rows with the same value here form one sequence. Blank means the whole table is one "
                + "sequence.")
        @ColumnRef(optional = true)
        String sequenceColumn,

        @Label("Matrix columns")
        @Description("MATRIX: the numeric columns of the square matrix; column i is state i, and row i holds the "
                + "transitions out of it. Empty means every numeric column (a nominal key column is ignored).")
        @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Steps (n)")
        @Description("The n of the n-step transition probabilities Pⁿ: entry (i, j) is the probability of being in "
                + "state j n steps after being in state i.")
        @Range(min = 1, max = 1_000_000)
        int steps) {

    public enum Source { SEQUENCES, MATRIX }

    public MarkovChainSettings {
        stateColumn = stateColumn == null ? "" : stateColumn;
        sequenceColumn = sequenceColumn == null ? "" : sequenceColumn;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static MarkovChainSettings defaults() {
        return new MarkovChainSettings(Source.SEQUENCES, "", "", List.of(), 2);
    }
}
