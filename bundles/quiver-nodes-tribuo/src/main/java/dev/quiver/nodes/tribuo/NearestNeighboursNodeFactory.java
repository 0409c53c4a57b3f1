package dev.quiver.nodes.tribuo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.MutableDataset;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.math.distance.CosineDistance;
import org.tribuo.math.distance.L1Distance;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;

/** k-nearest-neighbour classification (Tribuo's KNNTrainer with majority voting). */
@Component(service = NodeFactory.class)
public final class NearestNeighboursNodeFactory
        implements NodeFactory<NearestNeighboursNodeFactory.NearestNeighboursSettings> {

    public static final String ID = "quiver.tribuo.k-nearest-neighbours";

    /** How far apart two rows are. */
    public enum Metric {
        /** √Σ (x_j − z_j)²: straight-line distance. */
        EUCLIDEAN,
        /** Σ |x_j − z_j|: city-block distance, less swayed by one large difference. */
        MANHATTAN,
        /** 1 − x·z / (‖x‖‖z‖): compares directions, ignores lengths. */
        COSINE
    }

    @Description("A row gets the majority class of the k training rows nearest to it; P(class) is that class's"
            + " share of the k votes.")
    public record NearestNeighboursSettings(
            @Label("Neighbours k")
            @Description("How many nearest training rows vote. Small k follows the data closely (and its noise),"
                    + " large k smooths the boundary.")
            @Range(min = 1, max = 1000)
            int k,
            @Label("Distance")
            @Description("Euclidean √Σ(x_j − z_j)², Manhattan Σ|x_j − z_j|, or cosine 1 − x·z/(‖x‖‖z‖).")
            Metric metric) {

        public NearestNeighboursSettings {
            metric = metric == null ? Metric.EUCLIDEAN : metric;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "k-Nearest Neighbours", "Learners",
            "A configured k-nearest-neighbour classifier (Tribuo `KNNTrainer`, exact brute-force search). Fitting"
                    + " only stores the training rows; each prediction finds the k nearest of them and takes a"
                    + " majority vote, and P(<class>) is the class's share of the votes, like scikit-learn's"
                    + " `KNeighborsClassifier(weights=\"uniform\")`. Distances mix all features, so scale them first.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<NearestNeighboursSettings> settingsType() {
        return NearestNeighboursSettings.class;
    }

    @Override
    public NearestNeighboursSettings defaultSettings() {
        return new NearestNeighboursSettings(5, Metric.EUCLIDEAN);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, NearestNeighboursSettings settings,
            ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, NearestNeighboursSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoClassifierLearner<NearestNeighboursSettings> {
        static final String NAME = "k-nearest neighbours";

        Learner(NearestNeighboursSettings settings) {
            super(settings);
        }

        @Override
        String name() {
            return NAME;
        }

        @Override
        String nodeTypeId() {
            return ID;
        }

        @Override
        Learner withSettings(NearestNeighboursSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return 0;
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            if (settings.k() > data.size()) {
                throw new InvalidInputException("Neighbours k is " + settings.k() + ", but there are only "
                        + data.size() + " training rows. Lower 'Neighbours k' to at most " + data.size() + ".");
            }
            var distance = switch (settings.metric()) {
                case EUCLIDEAN -> new L2Distance();
                case MANHATTAN -> new L1Distance();
                case COSINE -> new CosineDistance();
            };
            // One thread: predictions run inside the engine's own pool, which already uses the cores.
            var trainer = new KNNTrainer<>(settings.k(), distance, 1, new VotingCombiner(), KNNModel.Backend.STREAMS,
                    NeighboursQueryFactoryType.BRUTE_FORCE);
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
