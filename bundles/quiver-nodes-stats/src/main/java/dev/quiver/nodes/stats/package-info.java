/**
 * Statistics and mathematics nodes. Not exported: the engine finds the node factories as
 * Declarative Services components, so nothing here is API.
 */
package dev.quiver.nodes.stats;
