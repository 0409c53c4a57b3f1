package dev.quiver.api.node;

/**
 * What a batch scoring wrote: how many rows, in how many parts, and where.
 *
 * @param workers how many distinct processes wrote parts (1 for the local stream)
 */
public record BatchScoreResult(long rows, int partitions, String outputDirectory, int workers) {
}
