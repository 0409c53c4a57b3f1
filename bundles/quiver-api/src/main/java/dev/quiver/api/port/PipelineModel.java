package dev.quiver.api.port;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fitted transforms followed by a model, as one model: the deployable artifact of a workflow
 * branch (Missing Values → Normalizer → One-Hot → PCA → model). It takes raw rows — the columns
 * the first step was fitted on — applies every step in order and predicts, so what was learned in
 * the workflow is applied to new data exactly the same way. The engine saves it part by part, each
 * part in its own format; no Java serialisation.
 */
public final class PipelineModel implements Model {
    private final List<Transform> transforms;
    private final Model model;
    private final ModelSpec spec;

    private PipelineModel(List<Transform> transforms, Model model, ModelSpec spec) {
        this.transforms = List.copyOf(transforms);
        this.model = model;
        this.spec = spec;
    }

    /** The pipeline of these steps; a model that is itself a pipeline is flattened. */
    public static PipelineModel of(List<Transform> transforms, Model model) {
        var steps = new ArrayList<Transform>();
        for (Transform t : transforms) {
            steps.addAll(t instanceof TransformChain c ? c.steps() : List.of(t));
        }
        Model inner = model;
        if (model instanceof PipelineModel p) {
            steps.addAll(p.transforms);
            inner = p.model;
        }
        return new PipelineModel(steps, inner, specOf(steps.stream().map(Transform::spec).toList(), inner.spec()));
    }

    /**
     * The spec of a pipeline, from the specs of its steps: its input columns are the feature columns
     * the first step was fitted on (the label is not needed to predict); its outputs are the model's.
     */
    public static ModelSpec specOf(List<TransformSpec> steps, ModelSpec model) {
        if (steps.isEmpty()) {
            return model;
        }
        String label = model.label().name();
        List<ColumnSpec> raw = steps.get(0).input().columns().stream()
                .filter(c -> !c.name().equals(label) && c.role() != ColumnRole.PREDICTION
                        && c.role() != ColumnRole.PROBABILITY && c.role() != ColumnRole.LABEL)
                .toList();
        Map<String, String> provenance = new LinkedHashMap<>(model.provenance());
        provenance.put("pipeline", steps.stream().map(TransformSpec::name).collect(Collectors.joining(" → "))
                + " → " + model.name());
        return new ModelSpec("Pipeline (" + steps.size() + " steps + " + model.name() + ")", model.task(), raw,
                model.label(), model.classes(), provenance);
    }

    public List<Transform> transforms() {
        return transforms;
    }

    public Model model() {
        return model;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** Checks the raw input, applies each step in order, then predicts. */
    @Override
    public Table predict(Table data, ExecutionContext context) {
        checkInput(data.spec());
        Table t = data;
        int steps = transforms.size() + 1;
        for (int i = 0; i < transforms.size(); i++) {
            context.checkCanceled();
            context.progress((double) i / steps, "Applying " + transforms.get(i).spec().name());
            t = transforms.get(i).apply(t, context.subProgress((double) i / steps, (double) (i + 1) / steps));
        }
        return model.predict(t, context.subProgress((double) transforms.size() / steps, 1));
    }

    /** The input must have every raw column with a compatible type; the message lists what is missing. */
    public void checkInput(TableSpec input) {
        var missing = new ArrayList<String>();
        for (ColumnSpec c : spec.features()) {
            var found = input.find(c.name());
            if (found.isEmpty()) {
                missing.add(c.name());
            } else if (found.get().isNumeric() != c.isNumeric()) {
                throw new InvalidInputException("Column '" + c.name() + "' is " + found.get().type().label()
                        + " but the pipeline was fitted on a " + c.type().label() + " column. Convert it, or refit.");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("The pipeline needs column(s) " + String.join(", ", missing)
                    + " that the input lacks (input columns: " + String.join(", ", input.names())
                    + "). Give it data with the columns it was fitted on: " + String.join(", ",
                            spec.features().stream().map(ColumnSpec::name).toList()) + ".");
        }
    }

    @Override
    public Map<String, Object> details() {
        var steps = new ArrayList<String>();
        transforms.forEach(t -> steps.add(t.summary()));
        steps.add(model.summary());
        return Map.of("steps", steps, "model", model.details());
    }

    @Override
    public String summary() {
        return spec.provenance().getOrDefault("pipeline", model.summary());
    }
}
