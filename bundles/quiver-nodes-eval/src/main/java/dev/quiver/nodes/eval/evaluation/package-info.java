/**
 * Reusable evaluation: stratified fold assignment, one fold's fit–transform–fit–predict, and the
 * classification and regression metrics of the Scorer and Cross-Validate. Exported so that other
 * node bundles (Hyperparameter Search, interpretability) score models exactly the same way.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.quiver.nodes.eval.evaluation;
