package dev.quiver.nodes.dl4j;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.nodes.dl4j.NeuralNetworkSettings.DenseLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a DL4J network from the settings and trains it with Quiver's own epoch loop, which gives
 * what DL4J's fit(iterator) does not: a cancellation check between minibatches, progress and the
 * loss curve per epoch, and early stopping on held-out rows.
 */
final class Dl4jTrainer {
    static final String LIBRARY = "Deeplearning4j 1.0.0-M2.1 (ND4J CPU backend)";

    private Dl4jTrainer() {
    }

    /** Fits a network on rows {@code x} with class indices {@code y} (into {@code spec.classes()}). */
    static NeuralNetworkModel fit(NeuralNetworkSettings s, ModelSpec spec, double[][] x, int[] y,
            ExecutionContext context) {
        return Nd4jRuntime.call(() -> train(s, spec, x, y, context));
    }

    private static NeuralNetworkModel train(NeuralNetworkSettings s, ModelSpec spec, double[][] x, int[] y,
            ExecutionContext context) {
        int classes = spec.classes().size();
        var random = new SplittableRandom(s.seed());
        int[][] split = split(y, classes, s.validationFraction(), random);
        int[] trainRows = split[0];
        int[] validationRows = split[1];
        if (trainRows.length == 0) {
            throw new InvalidInputException("No training rows are left after holding out "
                    + validationRows.length + " for validation. Lower the validation fraction.");
        }
        boolean validate = validationRows.length > 0;
        var training = new DataSet(features(x, trainRows), oneHot(y, trainRows, classes));
        DataSet validation = validate
                ? new DataSet(features(x, validationRows), oneHot(y, validationRows, classes)) : null;

        Nd4j.getRandom().setSeed(s.seed());
        var network = new MultiLayerNetwork(configuration(s, x[0].length, classes));
        network.init();

        int n = trainRows.length;
        int batch = Math.min(s.batchSize(), n);
        var epochs = new ArrayList<TrainingHistory.Epoch>();
        double bestLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        boolean earlyStopping = validate && s.patience() > 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            context.checkCanceled();
            if (s.schedule() != NeuralNetworkSettings.Schedule.NONE) {
                network.setLearningRate(learningRate(s, epoch));
            }
            // DL4J's own shuffle and split into minibatches: the digits benchmark measured gathering each
            // minibatch with getRows about 35% slower per epoch.
            training.shuffle(random.nextLong());
            double lossSum = 0;
            for (DataSet minibatch : training.batchBy(batch)) {
                context.checkCanceled();
                network.fit(minibatch);
                lossSum += network.score() * minibatch.numExamples();
            }
            network.incrementEpochCount();
            double trainingLoss = lossSum / n;
            if (!Double.isFinite(trainingLoss)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "The training loss became %s in epoch %d:"
                        + " the learning rate %s is too large for these features. Lower the learning rate (try ten"
                        + " times smaller) or scale the features first (Normalizer).", trainingLoss, epoch,
                        s.learningRate()));
            }
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validate) {
                validationLoss = network.score(validation, false);
                validationAccuracy = accuracy(network.output(validation.getFeatures(), false), validationRows, y);
            }
            epochs.add(new TrainingHistory.Epoch(epoch, trainingLoss, validationLoss, validationAccuracy));
            context.progress((double) epoch / s.epochs(), validate
                    ? String.format(Locale.ROOT, "Epoch %d of %d: loss %.4f, validation loss %.4f, accuracy %.3f",
                            epoch, s.epochs(), trainingLoss, validationLoss, validationAccuracy)
                    : String.format(Locale.ROOT, "Epoch %d of %d: loss %.4f", epoch, s.epochs(), trainingLoss));
            if (earlyStopping) {
                if (validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    bestParams = network.params().dup();
                    sinceBest = 0;
                } else if (++sinceBest >= s.patience()) {
                    stoppedEarly = epoch < s.epochs();
                    break;
                }
            } else {
                bestEpoch = epoch;
            }
        }
        if (bestParams != null && bestEpoch != epochs.size()) {
            network.setParams(bestParams);
        }
        if (stoppedEarly) {
            context.progress(1, "Stopped early after epoch " + epochs.size() + ": validation loss best in epoch "
                    + bestEpoch);
        }
        var history = new TrainingHistory(epochs, bestEpoch, stoppedEarly);
        var provenance = new LinkedHashMap<>(spec.provenance());
        provenance.put("validationRows", Integer.toString(validationRows.length));
        provenance.put("epochsRun", Integer.toString(epochs.size()));
        provenance.put("bestEpoch", Integer.toString(bestEpoch));
        provenance.put("parameters", Long.toString(network.numParams()));
        provenance.put("library", LIBRARY);
        var fitted = new ModelSpec(spec.name(), spec.task(), spec.features(), spec.label(), spec.classes(), provenance);
        return new NeuralNetworkModel(fitted, network, history);
    }

    /** The DL4J configuration: the hidden layers, then softmax with cross-entropy over the classes. */
    static MultiLayerConfiguration configuration(NeuralNetworkSettings s, int inputs, int classes) {
        var builder = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(DataType.FLOAT)
                .weightInit(weightInit(s.weightInit()))
                .updater(updater(s));
        if (s.l1() > 0) {
            builder.l1(s.l1());
        }
        if (s.l2() > 0) {
            builder.l2(s.l2());
        }
        NeuralNetConfiguration.ListBuilder list = builder.list();
        int nIn = inputs;
        double dropout = 0;
        for (DenseLayer layer : s.hiddenLayers()) {
            var dense = new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                    .nIn(nIn).nOut(layer.units()).activation(activation(layer.activation()));
            if (dropout > 0) {
                // DL4J's dropout acts on a layer's input and takes the probability of keeping it.
                dense.dropOut(1 - dropout);
            }
            list.layer(dense.build());
            nIn = layer.units();
            dropout = layer.dropout();
        }
        var output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(nIn).nOut(classes).activation(Activation.SOFTMAX);
        if (dropout > 0) {
            output.dropOut(1 - dropout);
        }
        list.layer(output.build());
        return list.build();
    }

    static IUpdater updater(NeuralNetworkSettings s) {
        double lr = s.learningRate();
        return switch (s.optimiser()) {
            case SGD -> new Sgd(lr);
            case NESTEROV -> new Nesterovs(lr, 0.9);
            case ADAGRAD -> new AdaGrad(lr);
            case RMSPROP -> new RmsProp(lr);
            case ADAM -> new Adam(lr);
            case ADAMAX -> new AdaMax(lr);
        };
    }

    /**
     * The learning rate of epoch {@code epoch} (1-based). Quiver sets it itself at the start of every
     * epoch rather than through DL4J's ISchedule: with its own epoch loop, DL4J's schedules did not
     * see the epoch advance, and the updaters' schedule constructors leave AdaGrad training to NaN.
     */
    static double learningRate(NeuralNetworkSettings s, int epoch) {
        int done = epoch - 1;
        return switch (s.schedule()) {
            case NONE -> s.learningRate();
            case STEP -> s.learningRate() * Math.pow(s.decayRate(), Math.floorDiv(done, s.decayEpochs()));
            case EXPONENTIAL -> s.learningRate() * Math.pow(s.decayRate(), done);
        };
    }

    private static WeightInit weightInit(NeuralNetworkSettings.WeightInit w) {
        return switch (w) {
            case XAVIER -> WeightInit.XAVIER;
            case XAVIER_UNIFORM -> WeightInit.XAVIER_UNIFORM;
            case HE -> WeightInit.RELU;
            case HE_UNIFORM -> WeightInit.RELU_UNIFORM;
            case LECUN_NORMAL -> WeightInit.LECUN_NORMAL;
        };
    }

    private static Activation activation(NeuralNetworkSettings.Activation a) {
        return switch (a) {
            case RELU -> Activation.RELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case LEAKY_RELU -> Activation.LEAKYRELU;
            case ELU -> Activation.ELU;
            case IDENTITY -> Activation.IDENTITY;
        };
    }

    /**
     * Training and validation rows. The validation rows are a stratified sample: within each class
     * the rows are shuffled and round(fraction × count) of them held out, so small classes keep
     * their share in both parts.
     */
    static int[][] split(int[] y, int classes, double fraction, SplittableRandom random) {
        if (fraction <= 0) {
            int[] all = new int[y.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return new int[][] {all, new int[0]};
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        var train = new ArrayList<Integer>();
        var validation = new ArrayList<Integer>();
        for (List<Integer> rows : byClass) {
            int[] order = permutation(rows.size(), random);
            long held = Math.round(fraction * rows.size());
            for (int j = 0; j < order.length; j++) {
                (j < held ? validation : train).add(rows.get(order[j]));
            }
        }
        train.sort(null);
        validation.sort(null);
        return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(),
                validation.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static INDArray features(double[][] x, int[] rows) {
        int d = x.length == 0 ? 0 : x[0].length;
        float[][] out = new float[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            double[] row = x[rows[i]];
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) row[j];
            }
        }
        return Nd4j.createFromArray(out);
    }

    static INDArray features(double[][] x, int from, int to) {
        int d = x.length == 0 ? 0 : x[0].length;
        float[][] out = new float[to - from][d];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
                out[i - from][j] = (float) x[i][j];
            }
        }
        return Nd4j.createFromArray(out);
    }

    private static INDArray oneHot(int[] y, int[] rows, int classes) {
        float[][] out = new float[rows.length][classes];
        for (int i = 0; i < rows.length; i++) {
            out[i][y[rows[i]]] = 1f;
        }
        return Nd4j.createFromArray(out);
    }

    private static double accuracy(INDArray probabilities, int[] rows, int[] y) {
        float[][] p = probabilities.toFloatMatrix();
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            if (best == y[rows[i]]) {
                correct++;
            }
        }
        return (double) correct / rows.length;
    }
}
