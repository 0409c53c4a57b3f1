package dev.quiver.api.node;

import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.table.Table;

/**
 * What one {@link FitUnit} gives back: the fitted model's spec (classes, prediction columns) and its
 * prediction columns for the test rows, in the order of {@link FitUnit#test()}. The model itself
 * stays where it was fitted; every metric a search or cross-validation needs follows from these.
 *
 * @param worker the process that did the fit, as {@code pid@host}: shows where the work ran
 */
public record FitResult(ModelSpec spec, Table predicted, String worker) {
}
