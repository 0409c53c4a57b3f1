package dev.quiver.nodes.dl4j;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the Neural Network learner. Plain Java only: the editor, the JSON Schema and
 * {@code quiver nodes} read this record, and none of them may wake ND4J.
 */
@Description("A feed-forward neural network (multilayer perceptron): each hidden layer computes h = f(W·x + b),"
        + " the output layer turns its scores into class probabilities with softmax, and the weights are fitted by"
        + " backpropagation, minimising the cross-entropy −log p(true class) over minibatches.")
public record NeuralNetworkSettings(
        @Label("Hidden layers")
        @Description("The dense (fully connected) layers between the inputs and the output layer, in order. Each has"
                + " a number of units, an activation f and a dropout rate. No hidden layer gives multinomial logistic"
                + " regression.")
        List<DenseLayer> hiddenLayers,
        @Label("Weight initialisation")
        @Description("How the initial weights are drawn. Xavier (Glorot) keeps the variance of signals equal across"
                + " tanh/sigmoid layers: Var(w) = 2/(fan-in + fan-out); He doubles it, 2/fan-in, for ReLU layers,"
                + " which zero half their inputs.")
        WeightInit weightInit,
        @Label("Optimiser")
        @Description("How each gradient g becomes a weight update. SGD: w −= η·g. Nesterov: a velocity v = μ·v − η·g"
                + " (μ = 0.9), evaluated one step ahead. AdaGrad: divides η per weight by √(sum of its past g²)."
                + " RMSprop: divides η by √(moving average of g², ρ = 0.95). Adam: moving averages of g (β1 = 0.9)"
                + " and g² (β2 = 0.999), bias-corrected, step η·m̂/(√v̂ + ε). AdaMax: Adam with the infinity norm,"
                + " step η·m̂/max(β2·u, |g|).")
        Optimiser optimiser,
        @Label("Learning rate")
        @Description("The step size η. Adam, AdaMax and RMSprop work well near 0.001; SGD and Nesterov want about"
                + " 0.01–0.1; AdaGrad about 0.01–0.5.")
        @Range(min = 1e-6, max = 10, log = true)
        double learningRate,
        @Label("Learning-rate schedule")
        @Description("How η changes over the epochs. NONE: constant. STEP: η·γ^⌊epoch / k⌋, multiplied by the decay"
                + " rate γ every k epochs. EXPONENTIAL: η·γ^epoch, a little smaller after every epoch.")
        Schedule schedule,
        @Label("Decay rate")
        @Description("γ of the schedule, the factor the learning rate is multiplied by (ignored without a schedule).")
        @Range(min = 0.01, max = 1)
        double decayRate,
        @Label("Decay every (epochs)")
        @Description("k of the STEP schedule: the learning rate drops by the decay rate every k epochs.")
        @Range(min = 1, max = 100_000)
        @Tunable(false)
        int decayEpochs,
        @Label("L1 penalty")
        @Description("λ1 in loss + λ1·Σ|w| over the weights (not the biases): pushes weights to exactly zero. 0 = none.")
        @Range(min = 0, max = 10)
        double l1,
        @Label("L2 penalty")
        @Description("λ2 in loss + (λ2/2)·Σw² over the weights (not the biases): shrinks large weights against"
                + " overfitting. 0 = none.")
        @Range(min = 0, max = 10)
        double l2,
        @Label("Batch size")
        @Description("Rows per gradient step (minibatch). Smaller batches give noisier but more frequent updates.")
        @Range(min = 1, max = 1_000_000)
        int batchSize,
        @Label("Epochs")
        @Description("Passes over the training rows; each pass visits the rows in a new random order.")
        @Range(min = 1, max = 100_000)
        @Tunable(budget = true)
        int epochs,
        @Label("Validation fraction")
        @Description("Share of the training rows held out (stratified by class) to measure validation loss and"
                + " accuracy after every epoch; they are not trained on. 0 = no validation curve and no early"
                + " stopping.")
        @Range(min = 0, max = 0.5)
        double validationFraction,
        @Label("Patience")
        @Description("Early stopping: stop when the validation loss has not improved for this many epochs and keep"
                + " the weights of the best epoch. 0 = train all epochs (the last weights are kept).")
        @Range(min = 0, max = 100_000)
        @Tunable(false)
        int patience,
        @Label("Seed")
        @Description("Seeds the initial weights, the validation split, the row order of every epoch and dropout:"
                + " the same seed and data give the same loss curve and model (on one ND4J thread).")
        @Tunable(false)
        long seed) {

    /** The defaults of a new node: one hidden layer of 64 ReLU units, Adam, 20 epochs. */
    public static NeuralNetworkSettings defaults() {
        return new NeuralNetworkSettings(List.of(new DenseLayer(64, Activation.RELU, 0)), WeightInit.XAVIER,
                Optimiser.ADAM, 0.001, Schedule.NONE, 0.5, 10, 0, 1e-4, 32, 20, 0.1, 0, 42L);
    }

    public NeuralNetworkSettings {
        hiddenLayers = layers(hiddenLayers);
        weightInit = weightInit == null ? WeightInit.XAVIER : weightInit;
        optimiser = optimiser == null ? Optimiser.ADAM : optimiser;
        schedule = schedule == null ? Schedule.NONE : schedule;
        if (patience > 0 && validationFraction == 0) {
            throw new InvalidInputException("Patience is " + patience + ", but the validation fraction is 0: early"
                    + " stopping watches the validation loss. Set a validation fraction (0.1–0.2), or patience 0.");
        }
    }

    /**
     * The layers as records. Values set through {@code Settings.with} (Hyperparameter Search) arrive
     * as they were read from JSON, so a layer may be a map of its fields.
     */
    private static List<DenseLayer> layers(List<?> given) {
        if (given == null) {
            return List.of();
        }
        var out = new ArrayList<DenseLayer>();
        for (Object o : given) {
            if (o instanceof DenseLayer d) {
                out.add(d);
            } else if (o instanceof Map<?, ?> m) {
                out.add(DenseLayer.fromMap(m, out.size() + 1));
            } else {
                throw new InvalidInputException("Hidden layer " + (out.size() + 1) + " is '" + o
                        + "', not a layer. Give each layer units, activation and dropout.");
            }
        }
        return List.copyOf(out);
    }

    /** One fully connected hidden layer: h = f(W·x + b), with dropout on its outputs while training. */
    @Description("A fully connected layer h = f(W·x + b).")
    public record DenseLayer(
            @Label("Units")
            @Description("Number of neurons, the width of h.")
            @Range(min = 1, max = 100_000)
            int units,
            @Label("Activation")
            @Description("The non-linearity f applied to every unit.")
            Activation activation,
            @Label("Dropout")
            @Description("Probability that each output of this layer is zeroed in a training step (the others are"
                    + " scaled by 1/(1 − p)), so no unit can rely on another. 0 = none; never applied when predicting.")
            @Range(min = 0, max = 0.95)
            double dropout) {

        public DenseLayer {
            activation = activation == null ? Activation.RELU : activation;
            if (units < 1 || units > 100_000) {
                throw new InvalidInputException("A hidden layer has " + units + " units, but must have between 1 and"
                        + " 100000. Change its units.");
            }
            if (!(dropout >= 0 && dropout <= 0.95)) {
                throw new InvalidInputException("A hidden layer has dropout " + dropout + ", but it must be between 0"
                        + " and 0.95. Change its dropout.");
            }
        }

        static DenseLayer fromMap(Map<?, ?> m, int index) {
            Object units = m.get("units");
            Object activation = m.get("activation");
            Object dropout = m.get("dropout");
            if (!(units instanceof Number u)) {
                throw new InvalidInputException("Hidden layer " + index + " has no number of units. Set its units.");
            }
            Activation a = Activation.RELU;
            if (activation != null) {
                try {
                    a = Activation.valueOf(activation.toString().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("Hidden layer " + index + " has activation '" + activation
                            + "', but it must be one of " + List.of(Activation.values()) + ".");
                }
            }
            double d = dropout instanceof Number n ? n.doubleValue() : 0;
            return new DenseLayer(u.intValue(), a, d);
        }
    }

    /** The non-linearity of a hidden layer. */
    public enum Activation {
        @Description("max(0, x): cheap, does not saturate for positive inputs; the usual choice.")
        RELU,
        @Description("tanh(x), in (−1, 1), centred on zero.")
        TANH,
        @Description("1/(1 + e^−x), in (0, 1); saturates, so deep sigmoid networks learn slowly.")
        SIGMOID,
        @Description("x for x > 0, else 0.01·x: a ReLU whose units never die completely.")
        LEAKY_RELU,
        @Description("x for x > 0, else e^x − 1: smooth, with negative outputs that pull means towards zero.")
        ELU,
        @Description("f(x) = x: a linear layer.")
        IDENTITY
    }

    /** How the initial weights are drawn. */
    public enum WeightInit {
        @Description("Glorot normal: N(0, 2/(fan-in + fan-out)).")
        XAVIER,
        @Description("Glorot uniform: U(±√(6/(fan-in + fan-out))), as Keras and scikit-learn.")
        XAVIER_UNIFORM,
        @Description("He normal: N(0, 2/fan-in), for ReLU layers.")
        HE,
        @Description("He uniform: U(±√(6/fan-in)), for ReLU layers.")
        HE_UNIFORM,
        @Description("LeCun normal: N(0, 1/fan-in).")
        LECUN_NORMAL
    }

    /** How a gradient becomes an update. */
    public enum Optimiser {
        @Description("Stochastic gradient descent: w −= η·g.")
        SGD,
        @Description("Nesterov momentum: v = μ·v − η·g(w + μ·v), w += v, with μ = 0.9; looks one step ahead.")
        NESTEROV,
        @Description("AdaGrad: w −= η·g/√(Σ past g² + ε), so often-updated weights take smaller steps.")
        ADAGRAD,
        @Description("RMSprop: s = ρ·s + (1 − ρ)·g², w −= η·g/√(s + ε), ρ = 0.95: AdaGrad that forgets.")
        RMSPROP,
        @Description("Adam: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g², w −= η·m̂/(√v̂ + ε) with bias-corrected"
                + " m̂, v̂ (β1 = 0.9, β2 = 0.999).")
        ADAM,
        @Description("AdaMax: Adam with u = max(β2·u, |g|) in place of √v: w −= η·m̂/u.")
        ADAMAX
    }

    /** How the learning rate changes over epochs. */
    public enum Schedule {
        @Description("A constant learning rate.")
        NONE,
        @Description("η·γ^⌊epoch / k⌋: drops by the decay rate every k epochs.")
        STEP,
        @Description("η·γ^epoch: shrinks a little after every epoch.")
        EXPONENTIAL
    }
}
