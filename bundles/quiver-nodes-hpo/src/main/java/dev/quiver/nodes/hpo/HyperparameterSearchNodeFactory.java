package dev.quiver.nodes.hpo;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.node.WorkRunner;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PipelineModel;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.evaluation.Folds;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Searches a learner's settings for the best cross-validated score: grid, random, Bayesian (TPE)
 * or successive halving. Every trial runs through {@link ExecutionContext#workRunner()}, the seam
 * where a cluster backend takes over.
 */
@Component(service = NodeFactory.class)
public final class HyperparameterSearchNodeFactory
        implements NodeFactory<HyperparameterSearchNodeFactory.HyperparameterSearchSettings> {

    public static final String ID = "quiver.hpo.search";

    /** How the next settings to try are chosen. */
    public enum Strategy {
        @Description("Every combination of the grid points (a seeded random subset when it exceeds the maximum"
                + " number of trials).")
        GRID,
        @Description("Independent uniform draws in each range (uniform in log(x) on log scales).")
        RANDOM,
        @Description("Tree-structured Parzen estimator: after a few random trials, models where good and bad"
                + " scores lie and proposes the settings most likely to improve.")
        BAYESIAN,
        @Description("Successive halving: many random settings on a small budget (the learner's budget setting such"
                + " as trees or epochs, else a share of the training rows); the best third goes on with three"
                + " times the budget, until the full budget.")
        SUCCESSIVE_HALVING
    }

    /** How trials are scored. */
    public enum Validation {
        @Description("k-fold cross-validation, stratified by class: every row is tested once per trial.")
        K_FOLD,
        @Description("One stratified split: train on the rest, test on the hold-out fraction. Faster, noisier.")
        HOLD_OUT
    }

    @Description("Which settings to search, how, and how each trial is scored.")
    public record HyperparameterSearchSettings(
            @Label("Parameters")
            @Description("The learner's settings to search, each with its range or choices. Empty = every tunable"
                    + " setting of the learner with a default range around its value (the `trials` table's columns"
                    + " show which), except the training budget (trees, epochs), which stays at the learner's value.")
            List<ParameterRange> parameters,
            @Label("Strategy")
            @Description("GRID, RANDOM, BAYESIAN (TPE) or SUCCESSIVE_HALVING.")
            @Tunable(false)
            Strategy strategy,
            @Label("Metric")
            @Description("The score to optimise: accuracy, macro F1 and macro AUC are maximised, log loss and RMSE"
                    + " minimised.")
            @Tunable(false)
            Metric metric,
            @Label("Validation")
            @Description("K_FOLD cross-validation or a single HOLD_OUT split; the same splits for every trial.")
            @Tunable(false)
            Validation validation,
            @Label("Folds")
            @Description("k for K_FOLD.")
            @Range(min = 2, max = 20)
            @Tunable(false)
            int folds,
            @Label("Hold-out fraction")
            @Description("Share of the rows tested on for HOLD_OUT.")
            @Range(min = 0.05, max = 0.5)
            @Tunable(false)
            double holdOutFraction,
            @Label("Max trials")
            @Description("The most trials to run (for successive halving: over all rungs).")
            @Range(min = 1, max = 100_000)
            @Tunable(false)
            int maxTrials,
            @Label("Time limit (s)")
            @Description("Stop starting trials after this many seconds and report those that finished, with a"
                    + " warning. 0 = no limit.")
            @Range(min = 0, max = 1e7)
            @Tunable(false)
            double timeLimitSeconds,
            @Label("Parallelism")
            @Description("Trials run at once. 0 = as many as the workflow allows.")
            @Range(min = 0, max = 1024)
            @Tunable(false)
            int parallelism,
            @Label("Seed")
            @Description("Seeds the splits and the sampling of settings: the same seed gives the same trials.")
            @Tunable(false)
            long seed,
            @Label("Label column")
            @Description("The column to predict. Blank = the column with role LABEL, else the last nominal column.")
            @ColumnRef(port = 1, optional = true)
            String labelColumn,
            @Label("Feature columns")
            @Description("The columns the learner uses. Empty = every numeric column with role FEATURE except the"
                    + " label (after the transform, when one is connected).")
            @ColumnRef(port = 1, optional = true)
            List<String> featureColumns) {

        public HyperparameterSearchSettings {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            strategy = strategy == null ? Strategy.BAYESIAN : strategy;
            metric = metric == null ? Metric.ACCURACY : metric;
            validation = validation == null ? Validation.K_FOLD : validation;
            labelColumn = labelColumn == null ? "" : labelColumn;
            featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Hyperparameter Search", "Modelling",
            "Finds the settings of any learner that score best under cross-validation. The search space comes from"
                    + " the learner's own settings: each numeric setting is a range (linear or log scale, whole or"
                    + " real), each enum or boolean a set of choices; by default every tunable setting with a range"
                    + " around its current value. Strategies: GRID, RANDOM, BAYESIAN (a tree-structured Parzen"
                    + " estimator) and SUCCESSIVE_HALVING (cheap trials on a small budget — fewer trees or epochs, or"
                    + " fewer rows — and only the best third goes on). Connect the **raw** table and, optionally, the"
                    + " `transform` of a preprocessing node: it is refitted on the training part of every split, so"
                    + " tuning never sees the test rows. Outputs: the best `learner`; the best `model`, refitted on"
                    + " all rows — when a transform is connected, that transform is refitted on all rows too and"
                    + " travels inside the model, so the model takes **raw** rows (do not apply the transform"
                    + " before it); and the `trials` table. A trial that fails (a bad combination of settings) is"
                    + " recorded with its message and the search goes on. On the time limit the finished trials are"
                    + " kept, with a warning. The best score is optimistic: it is the maximum over many noisy"
                    + " estimates — judge the chosen model on data the search never saw (nested cross-validation).",
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The learner whose settings are searched."),
                    PortDescriptor.required("table", PortType.TABLE, "The data, before any fitted preprocessing."),
                    PortDescriptor.optional("transform", PortType.TRANSFORM,
                            "A fitted preprocessing step, refitted inside every split.")),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The learner with the best settings."),
                    PortDescriptor.required("model", PortType.MODEL,
                            "The best learner fitted on all rows (after the transform, which it contains)."),
                    PortDescriptor.required("trials", PortType.TABLE,
                            "One row per trial: settings, mean and std of the metric over splits, seconds (summed"
                                    + " over splits), status (ok, failed, cancelled) and message.")));

    static final String TRIAL = "trial";
    static final String BUDGET = "budget";
    static final String SECONDS = "seconds";
    static final String STATUS = "status";
    static final String MESSAGE = "message";
    static final List<String> STATUSES = List.of("ok", "failed", "cancelled");
    static final int ETA = 3;

    private final LearnerCatalog catalog = new LearnerCatalog();

    /** For Declarative Services: learner nodes arrive through {@link #addNodeFactory}. */
    public HyperparameterSearchNodeFactory() {
    }

    /** For tests without OSGi: the learner nodes whose settings types are known. */
    public HyperparameterSearchNodeFactory(List<? extends NodeFactory<?>> learnerNodes) {
        learnerNodes.forEach(catalog::add);
    }

    // Every node type, to find a learner's settings record by its node type id; not this node itself,
    // which SCR would otherwise try to bind to itself while activating it.
    @Reference(service = NodeFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            target = "(!(component.name=dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory))")
    void addNodeFactory(NodeFactory<?> factory) {
        catalog.add(factory);
    }

    void removeNodeFactory(NodeFactory<?> factory) {
        catalog.remove(factory);
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<HyperparameterSearchSettings> settingsType() {
        return HyperparameterSearchSettings.class;
    }

    @Override
    public HyperparameterSearchSettings defaultSettings() {
        return new HyperparameterSearchSettings(List.of(), Strategy.BAYESIAN, Metric.ACCURACY, Validation.K_FOLD, 5,
                0.2, 30, 0, 0, 42L, "", List.of());
    }

    /** What will be searched: the space, and the budget setting successive halving varies (if any). */
    record Plan(SearchSpace space, Optional<LearnerSchema.Setting> budget) {
    }

    Plan plan(LearnerSpec learner, HyperparameterSearchSettings settings) {
        return plan(learner, catalog.schema(learner), settings);
    }

    /**
     * At execution the learner itself says which settings record it holds ({@link
     * Learner#settingsRecord()}); at configure time only its spec is known, and the record type comes
     * from the learner's node. Both give the same schema when the node is installed.
     */
    Plan plan(Learner learner, HyperparameterSearchSettings settings) {
        LearnerSchema schema = learner.settingsRecord()
                .map(r -> LearnerSchema.of(r.getClass(), printed(r)))
                .orElseGet(() -> catalog.schema(learner.spec()));
        return plan(learner.spec(), schema, settings);
    }

    private static Map<String, String> printed(Record r) {
        var out = new LinkedHashMap<String, String>();
        dev.quiver.api.settings.Settings.toMap(r).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private Plan plan(LearnerSpec learner, LearnerSchema schema, HyperparameterSearchSettings settings) {
        if (settings.metric().task() != learner.task()) {
            throw new InvalidInputException("Metric " + settings.metric() + " scores "
                    + settings.metric().task().name().toLowerCase() + ", but " + learner.name() + " does "
                    + learner.task().name().toLowerCase() + ". Choose a " + learner.task().name().toLowerCase()
                    + " metric.");
        }
        Optional<LearnerSchema.Setting> budget = settings.strategy() == Strategy.SUCCESSIVE_HALVING
                ? schema.budget()
                : Optional.empty();
        // Successive halving sets the budget itself, so it is not also a searched parameter.
        List<ParameterRange> requested = settings.parameters().stream()
                .filter(r -> budget.isEmpty() || !r.name().equals(budget.get().name())).toList();
        if (!settings.parameters().isEmpty() && requested.isEmpty()) {
            throw new InvalidInputException("The only parameter listed is '" + budget.get().name() + "', the budget"
                    + " that successive halving varies itself. Add other parameters, or choose another strategy.");
        }
        SearchSpace space = SearchSpace.build(schema, requested);
        for (SearchSpace.Parameter p : space.parameters()) {
            if (List.of(TRIAL, BUDGET, SECONDS, STATUS, MESSAGE).contains(p.name())
                    || p.name().equals(settings.metric().label()) || p.name().equals(stdName(settings.metric()))) {
                throw new InvalidInputException("The learner's setting '" + p.name() + "' clashes with a column of the"
                        + " trials table. It cannot be searched by this node.");
            }
        }
        return new Plan(space, budget);
    }

    static String stdName(Metric m) {
        return m.label() + " std";
    }

    static TableSpec trialsSpec(Plan plan, HyperparameterSearchSettings settings) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(new ColumnSpec(TRIAL, dev.quiver.api.table.ColumnType.LONG));
        for (SearchSpace.Parameter p : plan.space().parameters()) {
            cols.add(p.kind() == Kind.CHOICE ? ColumnSpec.nominal(p.name(), ColumnRole.FEATURE, p.choices())
                    : new ColumnSpec(p.name(), p.kind().integer() ? dev.quiver.api.table.ColumnType.LONG
                            : dev.quiver.api.table.ColumnType.DOUBLE));
        }
        if (settings.strategy() == Strategy.SUCCESSIVE_HALVING) {
            cols.add(new ColumnSpec(BUDGET,
                    dev.quiver.api.table.ColumnType.DOUBLE, ColumnRole.FEATURE, List.of(),
                    Map.of("meaning", plan.budget().map(b -> "setting " + b.name()).orElse("share of training rows"))));
        }
        cols.add(new ColumnSpec(settings.metric().label(), dev.quiver.api.table.ColumnType.DOUBLE));
        cols.add(new ColumnSpec(stdName(settings.metric()), dev.quiver.api.table.ColumnType.DOUBLE));
        cols.add(new ColumnSpec(SECONDS, dev.quiver.api.table.ColumnType.DOUBLE));
        cols.add(ColumnSpec.nominal(STATUS, ColumnRole.FEATURE, STATUSES));
        cols.add(new ColumnSpec(MESSAGE, dev.quiver.api.table.ColumnType.STRING));
        return new TableSpec(cols);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, HyperparameterSearchSettings settings,
            ConfigureContext context) {
        PortSpec learner = inputs.get("learner", PortSpec.class);
        PortSpec table = inputs.get("table", PortSpec.class);
        Optional<PortSpec> transform = inputs.optional("transform", PortSpec.class);
        if (!(learner instanceof LearnerSpec ls)) {
            return List.of(PortSpec.unknown(PortType.LEARNER), PortSpec.unknown(PortType.MODEL),
                    PortSpec.unknown(PortType.TABLE));
        }
        Plan plan = plan(ls, settings);
        if (table instanceof TableSpec ts && transform.map(t -> t instanceof TransformSpec).orElse(true)) {
            TableSpec fitSpec = transform.map(t -> ((TransformSpec) t).apply(ts)).orElse(ts);
            FitColumns columns = Columns.resolve(fitSpec, settings.labelColumn(), settings.featureColumns(), ls.task());
            requireInInput(ts, columns.label());
        }
        // The best settings are known only after the search; the learner's kind and node are known now.
        return List.of(ls, PortSpec.unknown(PortType.MODEL), trialsSpec(plan, settings));
    }

    private static void requireInInput(TableSpec table, String label) {
        if (!table.contains(label)) {
            throw new InvalidInputException("Label column '" + label + "' is made by the transform, but the splits are"
                    + " drawn from the input table, which lacks it (available: " + String.join(", ", table.names())
                    + "). Choose a label column of the input table.");
        }
    }

    /** One finished (or failed, or stopped) trial. */
    record Trial(int number, double[] u, Map<String, Object> values, double budget, double mean, double std,
            double seconds, String status, String message) {
        boolean ok() {
            return status.equals("ok");
        }
    }

    /** A trial to run: its point, its settings and its budget. */
    private record Candidate(int number, double[] u, Map<String, Object> values, double budget, double fraction) {
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, HyperparameterSearchSettings settings,
            ExecutionContext context) {
        Learner learner = inputs.get("learner", Learner.class);
        Table input = inputs.get("table", Table.class);
        Optional<Transform> transform = inputs.optional("transform", Transform.class);
        Task task = learner.spec().task();
        Plan plan = plan(learner, settings);
        TableSpec fitSpec = transform.map(t -> t.spec().apply(input.spec())).orElse(input.spec());
        FitColumns columns = Columns.resolve(fitSpec, settings.labelColumn(), settings.featureColumns(), task);
        requireInInput(input.spec(), columns.label());
        Table table = dropMissingLabels(input, columns.label(), context);
        List<TrialEvaluator.Split> splits = splits(table, columns.label(), task, settings);
        var evaluator = new TrialEvaluator(learner, transform, table, columns,
                settings.metric(), splits, settings.seed());
        var search = new Search(plan, settings, evaluator, context);
        List<Trial> trials = search.run();

        Trial best = best(trials, settings.metric()).orElseThrow(() -> new InvalidInputException("All "
                + trials.size() + " trials failed" + trials.stream().filter(t -> t.status().equals("failed"))
                        .findFirst().map(t -> "; the first with: " + t.message()).orElse("")
                + ". Narrow the parameter ranges or check the learner's settings."));
        context.checkCanceled();
        context.progress(0.9, "Refitting the best settings (trial " + best.number() + ") on all "
                + table.rowCount() + " rows");
        Learner bestLearner = evaluator.learner(best.values());
        Model model = refit(bestLearner, transform.map(Transform::learner), table, columns,
                context.subProgress(0.9, 1));
        Table trialsTable = TrialsTable.of(trialsSpec(plan, settings), plan, trials);
        context.progress(1, trials.size() + " trials; best " + settings.metric().label() + " "
                + SearchSpace.num(best.mean()) + " (trial " + best.number() + ")");
        NodeResult result = NodeResult.of(bestLearner, model, trialsTable);
        for (ChartSpec c : TrialsTable.charts(trialsTable, plan, settings.metric())) {
            result = result.withChart(c);
        }
        return result;
    }

    private static Model refit(Learner learner, Optional<TransformLearner> transform, Table table, FitColumns columns,
            ExecutionContext context) {
        if (transform.isEmpty()) {
            return learner.fit(table, columns, context);
        }
        Transform fitted = transform.get().fit(table, context.subProgress(0, 0.1));
        Model inner = learner.fit(fitted.apply(table, context.subProgress(0.1, 0.2)), columns,
                context.subProgress(0.2, 1));
        // The transform travels inside the model, so it takes raw rows and cannot be fed untransformed
        // ones by mistake; as the API's pipeline it is also saved and scored like any deployable one.
        return PipelineModel.of(List.of(fitted), inner);
    }

    /** The best ok trial: at the highest budget reached (successive halving), best mean, then lowest number. */
    static Optional<Trial> best(List<Trial> trials, Metric metric) {
        double top = trials.stream().filter(Trial::ok).mapToDouble(t -> Double.isNaN(t.budget()) ? 0 : t.budget())
                .max().orElse(0);
        Trial best = null;
        for (Trial t : trials) {
            if (!t.ok() || (Double.isNaN(t.budget()) ? 0 : t.budget()) < top) {
                continue;
            }
            if (best == null || metric.oriented(t.mean()) > metric.oriented(best.mean())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<TrialEvaluator.Split> splits(Table table, String label, Task task,
            HyperparameterSearchSettings settings) {
        Optional<StringColumn> strata = task == Task.CLASSIFICATION ? Optional.of(table.stringColumn(label))
                : Optional.empty();
        var out = new ArrayList<TrialEvaluator.Split>();
        if (settings.validation() == Validation.K_FOLD) {
            int k = settings.folds();
            if (table.rowCount() < k) {
                throw new InvalidInputException(table.rowCount() + " labelled rows cannot fill " + k
                        + " folds. Use at most " + table.rowCount() + " folds, or more rows.");
            }
            int[] fold = Folds.assign(strata, table.rowCount(), k, settings.seed());
            for (int f = 0; f < k; f++) {
                out.add(new TrialEvaluator.Split(Folds.trainRows(fold, f), Folds.testRows(fold, f)));
            }
        } else {
            out.add(holdOut(strata, table.rowCount(), settings.holdOutFraction(), settings.seed()));
        }
        return out;
    }

    /** A stratified hold-out: each class's rows are shuffled and the first round(f·n_c) tested on. */
    static TrialEvaluator.Split holdOut(Optional<StringColumn> strata, int rows, double fraction, long seed) {
        var random = new SplittableRandom(seed);
        int groups = strata.map(s -> s.domain().size()).orElse(1);
        List<List<Integer>> byGroup = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            byGroup.add(new ArrayList<>());
        }
        for (int i = 0; i < rows; i++) {
            byGroup.get(strata.isPresent() ? strata.get().code(i) : 0).add(i);
        }
        boolean[] test = new boolean[rows];
        for (List<Integer> g : byGroup) {
            for (int i = g.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = g.get(i);
                g.set(i, g.get(j));
                g.set(j, t);
            }
            long n = Math.round(fraction * g.size());
            for (int i = 0; i < n; i++) {
                test[g.get(i)] = true;
            }
        }
        int nTest = 0;
        for (boolean b : test) {
            nTest += b ? 1 : 0;
        }
        if (nTest == 0 || nTest == rows) {
            throw new InvalidInputException("A hold-out fraction of " + fraction + " of " + rows + " rows leaves "
                    + (nTest == 0 ? "no test rows" : "no training rows") + ". Change the fraction or use K_FOLD.");
        }
        int[] tr = new int[rows - nTest];
        int[] te = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < rows; i++) {
            if (test[i]) {
                te[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new TrialEvaluator.Split(tr, te);
    }

    private static Table dropMissingLabels(Table table, String label, ExecutionContext context) {
        var column = table.column(label);
        int missing = column.missingCount();
        if (missing == 0) {
            return table;
        }
        if (missing == table.rowCount()) {
            throw new InvalidInputException("Label column '" + label + "' is missing in all " + table.rowCount()
                    + " rows. Choose another label column.");
        }
        int[] keep = new int[table.rowCount() - missing];
        int k = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            if (!column.isMissing(i)) {
                keep[k++] = i;
            }
        }
        context.warn("Skipped " + missing + " of " + table.rowCount() + " rows whose label '" + label + "' is missing.");
        return table.rows(keep);
    }

    /** One run of the search: proposes candidates by strategy and runs them in batches through the work runner. */
    private static final class Search {
        private final Plan plan;
        private final HyperparameterSearchSettings settings;
        private final TrialEvaluator evaluator;
        private final ExecutionContext context;
        private final DeadlineContext limited;
        private final int parallelism;
        private final List<Trial> trials = new ArrayList<>();
        private final SplittableRandom random;
        private int total;
        private int done;
        private double bestSoFar = Double.NaN;

        Search(Plan plan, HyperparameterSearchSettings settings, TrialEvaluator evaluator, ExecutionContext context) {
            this.plan = plan;
            this.settings = settings;
            this.evaluator = evaluator;
            this.context = context;
            this.limited = DeadlineContext.after(context, settings.timeLimitSeconds());
            this.parallelism = Math.max(1, settings.parallelism() == 0 ? context.parallelism() : settings.parallelism());
            this.random = new SplittableRandom(settings.seed());
        }

        List<Trial> run() {
            SearchSpace space = plan.space();
            switch (settings.strategy()) {
                case GRID -> {
                    List<double[]> grid = grid(space);
                    total = grid.size();
                    runBatch(candidates(grid, Double.NaN, 1));
                }
                case RANDOM -> {
                    total = settings.maxTrials();
                    var points = new ArrayList<double[]>();
                    Tpe uniform = new Tpe(space, Integer.MAX_VALUE);
                    for (int i = 0; i < total; i++) {
                        points.add(uniform.uniform(random));
                    }
                    runBatch(candidates(points, Double.NaN, 1));
                }
                case BAYESIAN -> bayesian(space);
                case SUCCESSIVE_HALVING -> successiveHalving(space);
            }
            if (limited.expired() && !context.isCanceled()) {
                context.warn("Time limit of " + SearchSpace.num(settings.timeLimitSeconds()) + " s reached after "
                        + trials.stream().filter(Trial::ok).count() + " finished trials; the result is the best of"
                        + " those.");
            }
            return trials;
        }

        private List<double[]> grid(SearchSpace space) {
            List<double[]> points = new ArrayList<>();
            points.add(new double[space.dimensions()]);
            for (int d = 0; d < space.dimensions(); d++) {
                var next = new ArrayList<double[]>();
                for (double[] p : points) {
                    for (double u : space.parameters().get(d).gridUnits()) {
                        double[] q = p.clone();
                        q[d] = u;
                        next.add(q);
                    }
                    if (next.size() > 10_000_000) {
                        throw new InvalidInputException("The grid has more than 10,000,000 points. Use fewer grid"
                                + " points or parameters, or the RANDOM or BAYESIAN strategy.");
                    }
                }
                points = next;
            }
            if (points.size() > settings.maxTrials()) {
                context.warn("The grid has " + points.size() + " points but at most " + settings.maxTrials()
                        + " trials are allowed: trying a random subset of " + settings.maxTrials()
                        + ". Raise the maximum number of trials, or use fewer grid points.");
                for (int i = points.size() - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    double[] t = points.get(i);
                    points.set(i, points.get(j));
                    points.set(j, t);
                }
                points = new ArrayList<>(points.subList(0, settings.maxTrials()));
            }
            return points;
        }

        private void bayesian(SearchSpace space) {
            total = settings.maxTrials();
            var tpe = new Tpe(space, Tpe.startupTrials(total, space.dimensions()));
            while (trials.size() < total && !limited.isCanceled()) {
                int batch = Math.min(parallelism, total - trials.size());
                var history = new ArrayList<Tpe.Observation>();
                for (Trial t : trials) {
                    history.add(new Tpe.Observation(t.u(), t.ok() ? settings.metric().oriented(t.mean()) : Double.NaN));
                }
                runBatch(candidates(tpe.propose(batch, history, random), Double.NaN, 1));
            }
        }

        /**
         * Rungs of budgets r_max·η^(i−s), i = 0..s: n₀ random settings on the smallest budget, then the
         * best ⌊n_i/η⌋ go on. n₀ is the largest that keeps the sum over rungs within the maximum.
         */
        private void successiveHalving(SearchSpace space) {
            Optional<LearnerSchema.Setting> b = plan.budget();
            double rMax;
            double rMin;
            if (b.isPresent()) {
                double current = b.get().currentNumber();
                rMax = Double.isNaN(current) ? Math.max(1, b.get().min()) : current;
                rMin = Math.max(1, Double.isFinite(b.get().min()) ? b.get().min() : 1);
            } else {
                rMax = 1;
                rMin = 1.0 / (ETA * ETA);
            }
            int sMax = (int) Math.floor(Math.log(rMax / rMin) / Math.log(ETA) + 1e-9);
            int n0 = settings.maxTrials();
            int rungs;
            while (true) {
                rungs = Math.min(sMax, (int) Math.floor(Math.log(n0) / Math.log(ETA) + 1e-9)) + 1;
                int sum = 0;
                for (int i = 0; i < rungs; i++) {
                    sum += Math.max(1, (int) (n0 / Math.pow(ETA, i)));
                }
                if (sum <= settings.maxTrials() || n0 == 1) {
                    total = sum;
                    break;
                }
                n0--;
            }
            if (rungs == 1) {
                context.warn("Too few trials (" + settings.maxTrials() + ") or too small a budget for more than one"
                        + " rung: successive halving is a random search at the full budget here.");
            }
            Tpe uniform = new Tpe(space, Integer.MAX_VALUE);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < n0; i++) {
                points.add(uniform.uniform(random));
            }
            for (int i = 0; i < rungs && !points.isEmpty() && !limited.isCanceled(); i++) {
                double r = rMax * Math.pow(ETA, i - (rungs - 1));
                if (b.isPresent()) {
                    r = Math.max(rMin, Math.round(r));
                }
                int from = trials.size();
                runBatch(candidates(points, r, b.isPresent() ? 1 : r));
                var rung = new ArrayList<>(trials.subList(from, trials.size()).stream().filter(Trial::ok).toList());
                rung.sort((x, y) -> Double.compare(settings.metric().oriented(y.mean()),
                        settings.metric().oriented(x.mean())));
                int keep = Math.max(1, (int) (n0 / Math.pow(ETA, i + 1)));
                points = rung.stream().limit(keep).map(Trial::u).toList();
            }
        }

        private List<Candidate> candidates(List<double[]> points, double budget, double fraction) {
            var out = new ArrayList<Candidate>();
            int number = trials.size();
            for (double[] u : points) {
                var values = new LinkedHashMap<>(plan.space().settings(u));
                if (!Double.isNaN(budget) && plan.budget().isPresent()) {
                    values.put(plan.budget().get().name(), (long) budget);
                }
                out.add(new Candidate(++number, u, values, budget, fraction));
            }
            return out;
        }

        /**
         * Runs every (trial, split) pair of the batch as one unit through the work runner, then folds
         * each trial's splits back together: failed if any split failed, stopped if any was stopped.
         */
        private void runBatch(List<Candidate> batch) {
            int k = evaluator.splitCount();
            List<FitUnit> units = new ArrayList<>();
            for (Candidate c : batch) {
                for (int f = 0; f < k; f++) {
                    units.add(evaluator.unit(c.values(), c.fraction(), f));
                }
            }
            int[] splitsDone = new int[batch.size()];
            boolean[] spoilt = new boolean[batch.size()];
            double[][] values = new double[batch.size()][k];
            String[] scoreFailure = new String[batch.size()];
            // The backend fits (here or on a cluster); the metric is computed here from the returned
            // predictions, so every backend is scored by the same code.
            List<WorkRunner.Outcome<FitResult>> outcomes = context.backend().fitAll(evaluator.job(), units,
                    parallelism, limited, o -> {
                int trial = o.index() / k;
                int split = o.index() % k;
                double value = Double.NaN;
                if (o.succeeded()) {
                    try {
                        value = evaluator.score(o.value(), split);
                    } catch (RuntimeException e) {
                        scoreFailure[trial] = e.getMessage();
                    }
                }
                values[trial][split] = value;
                spoilt[trial] |= !o.succeeded() || scoreFailure[trial] != null;
                if (++splitsDone[trial] < k) {
                    return;
                }
                done++;
                if (!spoilt[trial]) {
                    double mean = java.util.Arrays.stream(values[trial]).filter(v -> !Double.isNaN(v)).average()
                            .orElse(Double.NaN);
                    if (!Double.isNaN(mean) && (Double.isNaN(bestSoFar)
                            || settings.metric().oriented(mean) > settings.metric().oriented(bestSoFar))) {
                        bestSoFar = mean;
                    }
                }
                context.progress(0.9 * Math.min(1, (double) done / Math.max(1, total)), done + " of " + total
                        + " trials" + (Double.isNaN(bestSoFar) ? "" : ", best " + settings.metric().label() + " "
                                + SearchSpace.num(bestSoFar)));
            });
            if (context.isCanceled()) {
                throw new CanceledException();
            }
            for (int i = 0; i < batch.size(); i++) {
                Candidate c = batch.get(i);
                List<WorkRunner.Outcome<FitResult>> parts = outcomes.subList(i * k, (i + 1) * k);
                if (parts.stream().allMatch(o -> o.canceled() && o.nanos() == 0)) {
                    continue; // never started: the time limit came first
                }
                double seconds = parts.stream().mapToLong(WorkRunner.Outcome::nanos).sum() / 1e9;
                String scoring = scoreFailure[i];
                var failed = parts.stream().map(WorkRunner.Outcome::failure).filter(java.util.Objects::nonNull)
                        .findFirst().or(() -> Optional.ofNullable(scoring));
                boolean stopped = parts.stream().anyMatch(WorkRunner.Outcome::canceled);
                if (failed.isEmpty() && !stopped) {
                    try {
                        TrialEvaluator.Score score = evaluator.combine(values[i]);
                        trials.add(new Trial(c.number(), c.u(), c.values(), budgetValue(c), score.mean(), score.std(),
                                seconds, "ok", ""));
                        continue;
                    } catch (InvalidInputException e) {
                        trials.add(new Trial(c.number(), c.u(), c.values(), budgetValue(c), Double.NaN, Double.NaN,
                                seconds, "failed", e.getMessage()));
                        continue;
                    }
                }
                trials.add(new Trial(c.number(), c.u(), c.values(), budgetValue(c), Double.NaN, Double.NaN, seconds,
                        failed.isPresent() ? "failed" : "cancelled",
                        failed.orElse("stopped by the time limit")));
            }
        }

        private double budgetValue(Candidate c) {
            return settings.strategy() != Strategy.SUCCESSIVE_HALVING ? Double.NaN
                    : plan.budget().isPresent() ? c.budget() : c.fraction();
        }
    }
}
