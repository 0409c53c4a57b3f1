package dev.quiver.nodes.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss curve of one fit: per epoch the mean training loss over the minibatches, and, when
 * rows were held out, the validation loss and accuracy. Plain Java, so the history node and
 * {@code details()} never touch ND4J.
 *
 * @param epochs one entry per completed epoch, in order
 * @param bestEpoch the epoch whose weights the model kept (the last one without early stopping)
 * @param stoppedEarly whether early stopping ended training before the last epoch
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly) {

    /** One epoch; validation values are NaN when no rows were held out. */
    public record Epoch(int epoch, double trainingLoss, double validationLoss, double validationAccuracy) {
    }

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    public boolean hasValidation() {
        return !epochs.isEmpty() && !Double.isNaN(epochs.get(0).validationLoss());
    }

    public double[] trainingLoss() {
        return epochs.stream().mapToDouble(Epoch::trainingLoss).toArray();
    }

    public double[] validationLoss() {
        return epochs.stream().mapToDouble(Epoch::validationLoss).toArray();
    }

    /** As {@code details()} shows it: lists per column, {@code null} where a value is missing (JSON has no NaN). */
    public Map<String, Object> toDetails() {
        var out = new LinkedHashMap<String, Object>();
        out.put("epoch", epochs.stream().map(Epoch::epoch).toList());
        out.put("trainingLoss", numbers(epochs.stream().mapToDouble(Epoch::trainingLoss).toArray()));
        out.put("validationLoss", numbers(epochs.stream().mapToDouble(Epoch::validationLoss).toArray()));
        out.put("validationAccuracy", numbers(epochs.stream().mapToDouble(Epoch::validationAccuracy).toArray()));
        out.put("bestEpoch", bestEpoch);
        out.put("stoppedEarly", stoppedEarly);
        return out;
    }

    private static List<Double> numbers(double[] values) {
        var out = new ArrayList<Double>(values.length);
        for (double v : values) {
            out.add(Double.isNaN(v) ? null : v);
        }
        return out;
    }

    /** Reads what {@link #toDetails()} wrote (also from another bundle's model, as maps and lists). */
    static TrainingHistory fromDetails(Map<?, ?> details) {
        List<?> epoch = (List<?>) details.get("epoch");
        List<?> train = (List<?>) details.get("trainingLoss");
        List<?> valLoss = (List<?>) details.get("validationLoss");
        List<?> valAcc = (List<?>) details.get("validationAccuracy");
        var out = new ArrayList<Epoch>();
        for (int i = 0; i < epoch.size(); i++) {
            out.add(new Epoch(((Number) epoch.get(i)).intValue(), number(train, i), number(valLoss, i),
                    number(valAcc, i)));
        }
        Object best = details.get("bestEpoch");
        Object early = details.get("stoppedEarly");
        return new TrainingHistory(out, best instanceof Number n ? n.intValue() : out.size(),
                early instanceof Boolean b && b);
    }

    private static double number(List<?> values, int i) {
        if (values == null || i >= values.size() || !(values.get(i) instanceof Number n)) {
            return Double.NaN;
        }
        return n.doubleValue();
    }
}
