/**
 * Batch scoring of CSV files chunk by chunk, shared by the local stream of the Batch Score node and
 * by the executors of a cluster backend, so that both write the same bytes for the same rows.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.quiver.nodes.io.batch;
