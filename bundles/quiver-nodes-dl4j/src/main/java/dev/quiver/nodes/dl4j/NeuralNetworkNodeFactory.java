package dev.quiver.nodes.dl4j;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The Neural Network learner node: emits a configured feed-forward network for Train,
 * Cross-Validate or Hyperparameter Search. Neither this class nor its settings touch ND4J, so
 * listing or configuring the node costs nothing; ND4J wakes when a network is first fitted.
 */
@Component(service = NodeFactory.class)
public final class NeuralNetworkNodeFactory implements NodeFactory<NeuralNetworkSettings> {

    public static final String ID = "quiver.dl4j.neural-network";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Neural Network", "Learners",
            "A configured feed-forward neural network (multilayer perceptron, Deeplearning4j). Connect it to Train,"
                    + " Cross-Validate or Hyperparameter Search. Hidden dense layers h = f(W·x + b) feed a softmax"
                    + " output layer that gives one probability per class; the weights are fitted by backpropagation"
                    + " (the chain rule carries the gradient of the cross-entropy back through the layers) with the"
                    + " chosen optimiser, over minibatches, for a number of epochs. A share of the rows can be held"
                    + " out to draw the validation curve and stop early. Features must be numeric and complete:"
                    + " one-hot encode nominal columns, fill missing values, and scale the features (Normalizer)."
                    + " The fitted model carries its loss curve: connect it to Training History to see it.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted network.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<NeuralNetworkSettings> settingsType() {
        return NeuralNetworkSettings.class;
    }

    @Override
    public NeuralNetworkSettings defaultSettings() {
        return NeuralNetworkSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, NeuralNetworkSettings settings, ConfigureContext context) {
        return List.of(new NeuralNetworkLearner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, NeuralNetworkSettings settings, ExecutionContext context) {
        return NodeResult.of(new NeuralNetworkLearner(settings));
    }
}
