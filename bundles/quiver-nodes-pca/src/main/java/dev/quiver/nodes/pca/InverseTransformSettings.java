package dev.quiver.nodes.pca;

import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Tunable;

/** Settings of the Inverse Transform node. */
@Description("Maps principal-component scores back to the original columns.")
public record InverseTransformSettings(
        @Label("Keep component columns")
        @Tunable(false)
        @Description("Keep PC1..PCk in the output beside the reconstructed columns (off: they are removed).")
        boolean keepComponents) {

    public static InverseTransformSettings defaults() {
        return new InverseTransformSettings(false);
    }
}
