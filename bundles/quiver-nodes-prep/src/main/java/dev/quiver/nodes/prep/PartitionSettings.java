package dev.quiver.nodes.prep;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;

/** Settings of the Partition node. */
public record PartitionSettings(
        @Range(min = 0.0, max = 1.0)
        @Description("The share of rows that go to the train output, strictly between 0 and 1; the rest go to test. "
                + "Row counts are rounded half up: round(fraction × rows), per class when stratified.")
        double trainFraction,

        @Description("STRATIFIED keeps each class's share equal in both outputs (rows drawn at random within each "
                + "class); RANDOM draws rows at random; FROM_TOP takes the first rows for training.")
        Mode mode,

        @ColumnRef(types = ColumnType.STRING, optional = true)
        @Description("STRATIFIED only: the nominal column whose classes are kept in proportion; blank = the column "
                + "with role label, else the last nominal column.")
        String stratifyColumn,

        @Tunable(false)
        @Description("Seed of the random draw: the same seed gives the same partitions.")
        long seed) {

    /** How rows are assigned to the two outputs. */
    public enum Mode { STRATIFIED, RANDOM, FROM_TOP }

    public PartitionSettings {
        mode = mode == null ? Mode.STRATIFIED : mode;
        stratifyColumn = stratifyColumn == null ? "" : stratifyColumn;
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new InvalidInputException("Train fraction is " + trainFraction
                    + ", but must be strictly between 0 and 1 (both outputs need rows). Change 'Train fraction'.");
        }
    }

    public static PartitionSettings defaults() {
        return new PartitionSettings(0.7, Mode.STRATIFIED, "", 42);
    }
}
