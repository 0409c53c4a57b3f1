package dev.quiver.api.port;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fitted transforms applied one after the other, as one transform (Missing Values → Normalizer).
 * Its {@link #learner()} refits every step in order — the second on the output of the first — which
 * is what lets Cross-Validate and Hyperparameter Search refit a whole preprocessing chain inside each
 * fold, not just its last step. The engine saves it part by part, like a {@link PipelineModel}.
 */
public final class TransformChain implements Transform {
    private final List<Transform> steps;
    private final TransformSpec spec;

    private TransformChain(List<Transform> steps) {
        this.steps = List.copyOf(steps);
        this.spec = specOf(this.steps.stream().map(Transform::spec).toList());
    }

    /** The chain of these steps, in order; nested chains are flattened. */
    public static TransformChain of(List<? extends Transform> steps) {
        if (steps.isEmpty()) {
            throw new InvalidInputException("A transform chain needs at least one step. Connect a fitted transform.");
        }
        var flat = new ArrayList<Transform>();
        for (Transform t : steps) {
            if (t instanceof TransformChain c) {
                flat.addAll(c.steps);
            } else {
                flat.add(t);
            }
        }
        return new TransformChain(flat);
    }

    /**
     * The spec of a chain: fitted on the first step's input; any input passes through every step's
     * mapping in order, so a later step that needs a column an earlier one removed is reported here.
     */
    public static TransformSpec specOf(List<TransformSpec> steps) {
        String name = steps.stream().map(TransformSpec::name).collect(Collectors.joining(" → "));
        return TransformSpec.of(name, steps.get(0).input(), in -> {
            TableSpec t = in;
            for (TransformSpec s : steps) {
                t = s.apply(t);
            }
            return t;
        });
    }

    /** The steps, in the order they are applied. */
    public List<Transform> steps() {
        return steps;
    }

    @Override
    public TransformSpec spec() {
        return spec;
    }

    @Override
    public Table apply(Table input, ExecutionContext context) {
        Table t = input;
        int n = steps.size();
        for (int i = 0; i < n; i++) {
            context.checkCanceled();
            t = steps.get(i).apply(t, context.subProgress((double) i / n, (double) (i + 1) / n));
        }
        return t;
    }

    @Override
    public TransformLearner learner() {
        List<TransformLearner> learners = steps.stream().map(Transform::learner).toList();
        return new TransformLearner() {
            @Override
            public String name() {
                return learners.stream().map(TransformLearner::name).collect(Collectors.joining(" → "));
            }

            @Override
            public TransformSpec configure(TableSpec training) {
                var specs = new ArrayList<TransformSpec>();
                TableSpec t = training;
                for (TransformLearner l : learners) {
                    TransformSpec s = l.configure(t);
                    specs.add(s);
                    t = s.apply(t);
                }
                return specOf(specs);
            }

            /** Each step is fitted on what the steps before it made of the training rows. */
            @Override
            public Transform fit(Table training, ExecutionContext context) {
                var fitted = new ArrayList<Transform>();
                Table t = training;
                int n = learners.size();
                for (int i = 0; i < n; i++) {
                    context.checkCanceled();
                    ExecutionContext step = context.subProgress((double) i / n, (double) (i + 1) / n);
                    Transform f = learners.get(i).fit(t, step.subProgress(0, 0.8));
                    fitted.add(f);
                    if (i < n - 1) {
                        t = f.apply(t, step.subProgress(0.8, 1));
                    }
                }
                return new TransformChain(fitted);
            }
        };
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("steps", steps.stream().map(Transform::summary).toList());
    }
}
