package dev.quiver.nodes.tribuo;

import dev.quiver.api.port.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.TreeModel;

/** A fitted classification tree; its details add the depth, the node count and the features it uses. */
final class TreeClassifier extends TribuoClassifier {
    private final TreeModel<Label> tree;

    TreeClassifier(ModelSpec spec, TreeModel<Label> tree) {
        super(spec, tree);
        this.tree = tree;
    }

    @Override
    TreeClassifier copy(ModelSpec newSpec) {
        return new TreeClassifier(newSpec, tree);
    }

    int depth() {
        return tree.getDepth();
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<>(super.details());
        out.put("depth", tree.getDepth());
        out.put("featuresUsed", tree.getFeatures().stream().sorted().toList());
        return out;
    }
}
