package dev.quiver.api.node;

import dev.quiver.api.port.Model;
import java.util.Objects;

/**
 * Scoring a file where it lies: every row of {@code input} goes through {@code model} (a model or a
 * deployable pipeline) and lands, with its prediction columns, in the directory {@code output} as
 * {@code part-NNNNN.csv} files (a header in each, rows in input order within a part).
 *
 * @param input a path or URI the backend's workers can read (a shared or cluster file system)
 * @param format {@code csv} or {@code parquet}
 * @param partitionRows rows per part when the backend chooses the split itself (the local stream)
 */
public record BatchScoreJob(Model model, String input, String format, String output, int partitionRows) {
    public BatchScoreJob {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        format = format == null ? "csv" : format;
    }
}
