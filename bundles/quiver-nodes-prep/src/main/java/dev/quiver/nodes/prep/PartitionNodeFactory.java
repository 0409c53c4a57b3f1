package dev.quiver.nodes.prep;

import dev.quiver.api.InvalidInputException;
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
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.prep.PartitionSettings.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/** Splits a table into train and test rows: stratified by class, at random, or from the top. */
@Component(service = NodeFactory.class)
public final class PartitionNodeFactory implements NodeFactory<PartitionSettings> {
    public static final String ID = "quiver.prep.partition";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Partition", "Preprocessing",
            """
            Splits the rows into a *train* and a *test* table. **Stratified** (the default) shuffles the rows \
            of each class with the seed and sends round(fraction × class size) of them, rounded half up, to \
            train, so both outputs keep the class proportions; rows with a missing class form a group of \
            their own. **Random** does the same over all rows; **from top** takes the first rows. Each output \
            keeps the input's row order. The same seed always gives the same partitions.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table to split.")),
            List.of(PortDescriptor.required("train", PortType.TABLE, "The training rows."),
                    PortDescriptor.required("test", PortType.TABLE, "The remaining rows.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PartitionSettings> settingsType() {
        return PartitionSettings.class;
    }

    @Override
    public PartitionSettings defaultSettings() {
        return PartitionSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PartitionSettings settings, ConfigureContext context) {
        if (!(inputs.get("table", PortSpec.class) instanceof TableSpec spec)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TABLE));
        }
        if (settings.mode() == Mode.STRATIFIED) {
            stratifyColumn(spec, settings.stratifyColumn());
        }
        return List.of(spec, spec);
    }

    /** The named nominal column; blank = the label column, else the last nominal column. */
    static ColumnSpec stratifyColumn(TableSpec spec, String name) {
        if (!name.isBlank()) {
            ColumnSpec c = spec.require(name, "Stratify column");
            if (!c.isNominal()) {
                throw new InvalidInputException("Stratify column '" + name + "' is a " + c.type().label()
                        + " column, but stratifying needs a nominal (string) column of classes. Choose a nominal "
                        + "column, or use the RANDOM mode.");
            }
            return c;
        }
        var label = spec.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst();
        if (label.isPresent()) {
            if (!label.get().isNominal()) {
                throw new InvalidInputException("The label column '" + label.get().name() + "' is a "
                        + label.get().type().label() + " column, so it cannot be stratified by. Choose a nominal "
                        + "stratify column, or use the RANDOM mode.");
            }
            return label.get();
        }
        List<ColumnSpec> nominal = spec.filter(ColumnSpec::isNominal);
        if (nominal.isEmpty()) {
            throw new InvalidInputException("There is no nominal column to stratify by (columns: "
                    + TableSpec.names(spec.columns()) + "). Use the RANDOM mode, or read the class column as text "
                    + "(CSV Reader's 'Nominal columns').");
        }
        return nominal.get(nominal.size() - 1);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PartitionSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        int n = table.rowCount();
        if (n == 0) {
            throw new InvalidInputException("The input table has no rows, so there is nothing to partition. "
                    + "Check the node that feeds this one.");
        }
        boolean[] train = switch (settings.mode()) {
            case FROM_TOP -> fromTop(n, settings.trainFraction());
            case RANDOM -> random(n, settings.trainFraction(), settings.seed());
            case STRATIFIED -> stratified(table.stringColumn(stratifyColumn(table.spec(), settings.stratifyColumn()).name()),
                    settings.trainFraction(), settings.seed());
        };
        context.checkCanceled();
        var trainRows = new ArrayList<Integer>();
        var testRows = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            (train[i] ? trainRows : testRows).add(i);
        }
        if (trainRows.isEmpty() || testRows.isEmpty()) {
            context.warn(String.format(Locale.ROOT, "The %s output is empty: %d row(s) and train fraction %s. "
                    + "Use more rows or a fraction nearer 0.5.", trainRows.isEmpty() ? "train" : "test", n,
                    settings.trainFraction()));
        }
        context.progress(1, trainRows.size() + " train rows, " + testRows.size() + " test rows");
        return NodeResult.of(table.rows(toArray(trainRows)), table.rows(toArray(testRows)));
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Half up: 2.5 rows → 3. */
    private static int share(double fraction, int size) {
        return (int) Math.round(fraction * size);
    }

    private static boolean[] fromTop(int n, double fraction) {
        boolean[] train = new boolean[n];
        for (int i = 0; i < share(fraction, n); i++) {
            train[i] = true;
        }
        return train;
    }

    private static boolean[] random(int n, double fraction, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        boolean[] train = new boolean[n];
        pick(all, share(fraction, n), new SplittableRandom(seed), train);
        return train;
    }

    private static boolean[] stratified(StringColumn classes, double fraction, long seed) {
        int n = classes.size();
        int groups = classes.domain().size() + 1;
        // Rows grouped by class code, in row order; the last group holds rows with a missing class.
        int[] counts = new int[groups];
        for (int i = 0; i < n; i++) {
            counts[group(classes, i, groups)]++;
        }
        int[][] members = new int[groups][];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[counts[g]];
        }
        int[] fill = new int[groups];
        for (int i = 0; i < n; i++) {
            int g = group(classes, i, groups);
            members[g][fill[g]++] = i;
        }
        boolean[] train = new boolean[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] m : members) {
            pick(m, share(fraction, m.length), random, train);
        }
        return train;
    }

    private static int group(StringColumn classes, int row, int groups) {
        return classes.isMissing(row) ? groups - 1 : classes.code(row);
    }

    /** Marks {@code k} of {@code rows} as train: a partial Fisher–Yates shuffle. */
    private static void pick(int[] rows, int k, SplittableRandom random, boolean[] train) {
        int[] r = rows.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(r.length - i);
            int t = r[i];
            r[i] = r[j];
            r[j] = t;
            train[r[i]] = true;
        }
    }
}
