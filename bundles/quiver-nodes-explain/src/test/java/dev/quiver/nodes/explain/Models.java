package dev.quiver.nodes.explain;

import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Map;

/** Real Tribuo models for tests, fitted through the learner nodes as a workflow would. */
final class Models {
    private Models() {
    }

    static Model randomForest(Table data, int trees) {
        var node = NodeTester.of(new RandomForestNodeFactory());
        Learner l = (Learner) node.execute(node.settings(Map.of("trees", trees, "seed", 7))).outputs().get(0);
        return l.fit(data, new FitColumns("class", TestModels.features(data)), TestContext.create());
    }

    static Model logisticRegression(Table data) {
        var node = NodeTester.of(new LogisticRegressionNodeFactory());
        Learner l = (Learner) node.execute(node.settings(Map.of())).outputs().get(0);
        return l.fit(data, new FitColumns("class", TestModels.features(data)), TestContext.create());
    }
}
