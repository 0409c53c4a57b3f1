/** Using fitted Quiver models in a host application, without OSGi or a workflow. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.quiver.engine.embed;
