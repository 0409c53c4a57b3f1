/** Components: sub-workflows saved as their own file that appear as one node, and how to make one from a selection. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.quiver.engine.component;
