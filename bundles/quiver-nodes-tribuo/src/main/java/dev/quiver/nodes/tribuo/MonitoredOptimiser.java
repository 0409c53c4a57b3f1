package dev.quiver.nodes.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

/**
 * Wraps a Tribuo optimiser to add what Tribuo's SGD trainer lacks: an L2 penalty, progress per
 * epoch and cancellation. The trainer calls {@link #step} once per minibatch, which is the only
 * hook inside its training loop.
 *
 * <p>The penalty is weight decay on the linear weights (never the bias, the last column of
 * Tribuo's weight matrix): the ascent direction g becomes g - λW, which makes every step a
 * stochastic gradient step on cross-entropy + (λ/2)·‖W‖² per example. Tribuo sums a minibatch's
 * gradients and scales the sum by the batch size b, so a minibatch step stands for b² single
 * examples' worth of gradient and the decay is scaled by b² to keep λ's meaning.
 */
final class MonitoredOptimiser implements StochasticGradientOptimiser {
    private static final int CANCEL_CHECK_STEPS = 1024;

    @Config(description = "The optimiser that turns gradients into updates.")
    private StochasticGradientOptimiser optimiser;

    @Config(description = "L2 penalty per example; the bias is not penalised.")
    private double l2;

    @Config(description = "Examples per gradient step.")
    private int minibatchSize;

    private final ExecutionContext context;
    private final long stepsPerEpoch;
    private final int epochs;
    private Parameters parameters;
    private long steps;

    private MonitoredOptimiser(StochasticGradientOptimiser optimiser, double l2, int minibatchSize,
            ExecutionContext context, long stepsPerEpoch, int epochs) {
        this.optimiser = optimiser;
        this.l2 = l2;
        this.minibatchSize = minibatchSize;
        this.context = context;
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochs = epochs;
    }

    /** An optimiser for {@code epochs} passes over {@code rows} rows in minibatches of {@code minibatchSize}. */
    static MonitoredOptimiser of(StochasticGradientOptimiser optimiser, double l2, int minibatchSize,
            ExecutionContext context, int rows, int epochs) {
        long perEpoch = Math.max(1, ((long) rows + minibatchSize - 1) / minibatchSize);
        return new MonitoredOptimiser(optimiser, l2, minibatchSize, context, perEpoch, epochs);
    }

    @Override
    public void initialise(Parameters parameters) {
        this.parameters = parameters;
        this.steps = 0;
        optimiser.initialise(parameters);
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        Tensor[] gradient = l2 > 0 ? decayed(updates) : updates;
        Tensor[] out = optimiser.step(gradient, weight);
        steps++;
        if (steps % stepsPerEpoch == 0) {
            long epoch = steps / stepsPerEpoch;
            checkFinite(epoch);
            context.progress((double) epoch / epochs, "Epoch " + epoch + " of " + epochs);
            context.checkCanceled();
        } else if (steps % CANCEL_CHECK_STEPS == 0) {
            context.checkCanceled();
        }
        return out;
    }

    /** A too-large step makes SGD diverge to infinity and NaN; Tribuo would return that model silently. */
    private void checkFinite(long epoch) {
        for (Tensor t : parameters.get()) {
            if (t instanceof DenseMatrix w) {
                for (int r = 0; r < w.getDimension1Size(); r++) {
                    for (int c = 0; c < w.getDimension2Size(); c++) {
                        if (!Double.isFinite(w.get(r, c))) {
                            throw new InvalidInputException("Training diverged in epoch " + epoch + ": the weights"
                                    + " became infinite. Lower the learning rate (" + optimiser + "), use a smaller"
                                    + " minibatch, or scale the features and the label.");
                        }
                    }
                }
            }
        }
    }

    private Tensor[] decayed(Tensor[] updates) {
        Tensor[] current = parameters.get();
        Tensor[] out = updates.clone();
        double scale = (double) minibatchSize * minibatchSize * l2;
        for (int t = 0; t < current.length; t++) {
            if (current[t] instanceof DenseMatrix w) {
                DenseMatrix decay = w.copy();
                decay.scaleInPlace(-scale);
                int bias = decay.getDimension2Size() - 1;
                for (int r = 0; r < decay.getDimension1Size(); r++) {
                    decay.set(r, bias, 0);
                }
                decay.intersectAndAddInPlace(updates[t]);
                out[t] = decay;
            }
        }
        return out;
    }

    @Override
    public void finalise() {
        optimiser.finalise();
    }

    @Override
    public void reset() {
        optimiser.reset();
        parameters = null;
        steps = 0;
    }

    @Override
    public MonitoredOptimiser copy() {
        return new MonitoredOptimiser(optimiser.copy(), l2, minibatchSize, context, stepsPerEpoch, epochs);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return optimiser + (l2 > 0 ? " with L2 " + l2 : "");
    }
}
