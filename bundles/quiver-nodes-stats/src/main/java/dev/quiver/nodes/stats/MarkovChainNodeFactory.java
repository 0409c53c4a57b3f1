package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.stats.MarkovChainSettings.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.osgi.service.component.annotations.Component;

/** A discrete-time Markov chain estimated from sequences or given as a matrix. */
@Component(service = NodeFactory.class)
public final class MarkovChainNodeFactory implements NodeFactory<MarkovChainSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.math.markov-chain", 1,
            "Markov Chain", "Mathematics",
            """
            Estimates the transition matrix P (P_ij = share of the moves out of state i that go to j, the \
            maximum-likelihood estimate) from observed state sequences, or takes it from a square table of \
            counts or probabilities. Reports the stationary distribution π, the solution of π·P = π with \
            Σπ = 1 (the long-run share of time in each state), and the n-step probabilities Pⁿ. \
            π is unique when the chain has a single closed class; states outside it (transient) get 0. \
            With several closed classes (a reducible chain) π is not unique and the node reports the \
            equal-weight mixture of each class's distribution, with a warning. A periodic chain (period d > 1) \
            still has π, but Pⁿ oscillates instead of converging to it.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("transition", "P: a `state` key column, then one probability column per state."),
                    Support.tableOut("stationary", "state, probability: the stationary distribution π."),
                    Support.tableOut("n_step", "Pⁿ, laid out as the transition table.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<MarkovChainSettings> settingsType() {
        return MarkovChainSettings.class;
    }

    @Override
    public MarkovChainSettings defaultSettings() {
        return MarkovChainSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, MarkovChainSettings s, ConfigureContext context) {
        TableSpec in = inputs.get("table", TableSpec.class);
        List<String> states;
        if (s.source() == Source.MATRIX) {
            states = Support.numericColumns(in, s.columns(), "Markov Chain");
        } else {
            ColumnSpec state = checkSequenceColumns(in, s);
            if (!state.isNominal() || state.domain().isEmpty()) {
                // numeric states, or a nominal column whose values arrive only with the data
                return List.of(PortSpec.unknown(PortType.TABLE), stationarySpec(), PortSpec.unknown(PortType.TABLE));
            }
            states = state.domain();
        }
        checkNames(states);
        TableSpec matrix = Support.labelledMatrixSpec("state", states);
        return List.of(matrix, stationarySpec(), matrix);
    }

    private static ColumnSpec checkSequenceColumns(TableSpec in, MarkovChainSettings s) {
        ColumnSpec state = in.require(s.stateColumn(), "State column");
        if (!s.sequenceColumn().isBlank()) {
            in.require(s.sequenceColumn(), "Sequence column");
            if (s.sequenceColumn().equals(s.stateColumn())) {
                throw new InvalidInputException("The sequence column and the state column are both '"
                        + s.stateColumn() + "'. Choose a column that identifies sequences, or leave it blank.");
            }
        }
        return state;
    }

    private static void checkNames(List<String> states) {
        if (states.contains("state")) {
            throw new InvalidInputException("A state is named 'state', which is also the key column of the output. "
                    + "Rename that state.");
        }
    }

    static TableSpec stationarySpec() {
        return TableSpec.of(Support.str("state"), Support.dbl("probability"));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, MarkovChainSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> states;
        double[][] p;
        if (s.source() == Source.MATRIX) {
            states = Support.numericColumns(table.spec(), s.columns(), "Markov Chain");
            double[][] raw = Matrices.read(table, states, "Markov Chain").getData();
            if (raw.length != states.size()) {
                throw new InvalidInputException("A transition matrix must be square, but the table has " + raw.length
                        + " rows and " + states.size() + " chosen columns. Choose one column per row.");
            }
            p = normalise(raw, states, context);
        } else {
            checkSequenceColumns(table.spec(), s);
            Column state = table.column(s.stateColumn());
            states = stateNames(state);
            p = normalise(count(table, s, state, states, context), states, context);
        }
        checkNames(states);
        int n = states.size();
        if (n == 0) {
            throw new InvalidInputException("The state column '" + s.stateColumn() + "' has no values. Choose a column "
                    + "with states.");
        }
        RealMatrix pm = MatrixUtils.createRealMatrix(p);
        double[] pi = stationary(p, states, context);
        RealMatrix pn = pm.power(s.steps());
        Table transition = Support.labelledMatrix("state", states, states, p);
        var chart = new ArrayList<String>();
        var to = new ArrayList<String>();
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                chart.add(states.get(i));
                to.add(states.get(j));
                values[i * n + j] = p[i][j];
            }
        }
        Table pairs = Table.of(Support.str("from", chart), Support.str("to", to), Support.dbl("probability", values));
        var heat = ChartSpec.of("transition", "Transition probabilities", pairs, ChartSpec.Mark.RECT,
                Channel.x("to", FieldType.NOMINAL), Channel.y("from", FieldType.NOMINAL),
                Channel.color("probability", FieldType.QUANTITATIVE));
        context.progress(1.0, n + " states");
        return NodeResult.of(transition, Table.of(Support.str("state", states), Support.dbl("probability", pi)),
                Support.labelledMatrix("state", states, states, pn.getData())).withChart(heat);
    }

    private static List<String> stateNames(Column state) {
        if (state instanceof StringColumn s) {
            return s.domain();
        }
        var byValue = new TreeMap<Double, String>();
        for (int i = 0; i < state.size(); i++) {
            if (!state.isMissing(i)) {
                byValue.put(state.getDouble(i), state.format(i));
            }
        }
        return new ArrayList<>(byValue.values());
    }

    private static double[][] count(Table table, MarkovChainSettings s, Column state, List<String> states,
            ExecutionContext context) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < states.size(); i++) {
            index.put(states.get(i), i);
        }
        Column sequence = s.sequenceColumn().isBlank() ? null : table.column(s.sequenceColumn());
        double[][] counts = new double[states.size()][states.size()];
        // sequences may interleave, so remember the last state of each one
        Map<String, Integer> last = new HashMap<>();
        int gaps = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            String seq = sequence == null ? "" : sequence.format(r);
            if (sequence != null && seq == null) {
                throw new InvalidInputException("Sequence column '" + s.sequenceColumn() + "' is missing in row "
                        + (r + 1) + ", so the row belongs to no sequence. Fill or filter it first.");
            }
            if (state.isMissing(r)) {
                gaps++;
                last.remove(seq);
                continue;
            }
            int to = index.get(state.format(r));
            Integer from = last.put(seq, to);
            if (from != null) {
                counts[from][to]++;
            }
        }
        if (gaps > 0) {
            context.warn(gaps + " row" + (gaps == 1 ? "" : "s") + " with a missing state break their sequence; no "
                    + "transition is counted across them.");
        }
        return counts;
    }

    private static double[][] normalise(double[][] counts, List<String> states, ExecutionContext context) {
        int n = counts.length;
        double[][] p = new double[n][n];
        var absorbing = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (counts[i][j] < 0 || Double.isInfinite(counts[i][j])) {
                    throw new InvalidInputException("Transition entry (" + states.get(i) + " → " + states.get(j)
                            + ") is " + Support.fmt(counts[i][j]) + ", but counts and probabilities must be finite and "
                            + "non-negative. Fix the matrix.");
                }
                sum += counts[i][j];
            }
            if (sum == 0) {
                absorbing.add(states.get(i));
                p[i][i] = 1.0;
            } else {
                for (int j = 0; j < n; j++) {
                    p[i][j] = counts[i][j] / sum;
                }
            }
        }
        if (!absorbing.isEmpty()) {
            context.warn("No transitions out of state" + (absorbing.size() == 1 ? " " : "s ")
                    + String.join(", ", absorbing) + ": treated as absorbing (stays put with probability 1).");
        }
        return p;
    }

    /** π with π·P = π, Σπ = 1, from the closed communicating classes; warns for reducible or periodic chains. */
    static double[] stationary(double[][] p, List<String> states, ExecutionContext context) {
        int n = p.length;
        boolean[][] reach = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            reach[i][i] = true;
            for (int j = 0; j < n; j++) {
                reach[i][j] |= p[i][j] > 0;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (reach[i][k]) {
                    for (int j = 0; j < n; j++) {
                        reach[i][j] |= reach[k][j];
                    }
                }
            }
        }
        int[] classOf = new int[n];
        java.util.Arrays.fill(classOf, -1);
        var classes = new ArrayList<List<Integer>>();
        for (int i = 0; i < n; i++) {
            if (classOf[i] < 0) {
                var members = new ArrayList<Integer>();
                for (int j = 0; j < n; j++) {
                    if (reach[i][j] && reach[j][i]) {
                        classOf[j] = classes.size();
                        members.add(j);
                    }
                }
                classes.add(members);
            }
        }
        var closed = new ArrayList<List<Integer>>();
        for (List<Integer> c : classes) {
            boolean leaves = false;
            for (int i : c) {
                for (int j = 0; j < n; j++) {
                    leaves |= p[i][j] > 0 && classOf[j] != classOf[i];
                }
            }
            if (!leaves) {
                closed.add(c);
            }
        }
        double[] pi = new double[n];
        for (List<Integer> c : closed) {
            double[] part = solveClass(p, c);
            for (int k = 0; k < c.size(); k++) {
                pi[c.get(k)] = part[k] / closed.size();
            }
            int period = period(p, c);
            if (period > 1) {
                context.warn("The chain is periodic with period " + period + " on states " + names(c, states)
                        + ": Pⁿ cycles instead of converging, but π is still its long-run average.");
            }
        }
        if (closed.size() > 1) {
            var described = closed.stream().map(c -> "{" + names(c, states) + "}").toList();
            context.warn("The chain is reducible with " + closed.size() + " closed classes " + String.join(", ", described)
                    + ", so its stationary distribution is not unique; reported is the equal-weight mixture of each "
                    + "class's stationary distribution.");
        }
        int inClosed = closed.stream().mapToInt(List::size).sum();
        if (inClosed < n) {
            var transient_ = new ArrayList<Integer>();
            for (int i = 0; i < n; i++) {
                final int s = i;
                if (closed.stream().noneMatch(c -> c.contains(s))) {
                    transient_.add(i);
                }
            }
            context.warn("States " + names(transient_, states) + " are transient (the chain leaves them for good), so "
                    + "their stationary probability is 0.");
        }
        return pi;
    }

    /** Solves π_C·(P_C − I) = 0 with Σπ_C = 1 by LU, replacing one (redundant) balance equation by the sum. */
    private static double[] solveClass(double[][] p, List<Integer> c) {
        int k = c.size();
        RealMatrix a = MatrixUtils.createRealMatrix(k, k);
        for (int r = 0; r < k; r++) {
            for (int col = 0; col < k; col++) {
                a.setEntry(r, col, p[c.get(col)][c.get(r)] - (r == col ? 1 : 0));
            }
        }
        RealVector b = new ArrayRealVector(k);
        for (int col = 0; col < k; col++) {
            a.setEntry(k - 1, col, 1.0);
        }
        b.setEntry(k - 1, 1.0);
        return new LUDecomposition(a).getSolver().solve(b).toArray();
    }

    /** The gcd of level[u] + 1 − level[v] over edges u → v inside the class, with BFS levels. */
    private static int period(double[][] p, List<Integer> c) {
        int n = p.length;
        int[] level = new int[n];
        java.util.Arrays.fill(level, -1);
        var queue = new java.util.ArrayDeque<Integer>();
        level[c.get(0)] = 0;
        queue.add(c.get(0));
        int g = 0;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : c) {
                if (p[u][v] > 0) {
                    if (level[v] < 0) {
                        level[v] = level[u] + 1;
                        queue.add(v);
                    } else {
                        g = gcd(g, Math.abs(level[u] + 1 - level[v]));
                    }
                }
            }
        }
        return g;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String names(List<Integer> idx, List<String> states) {
        return String.join(", ", idx.stream().map(states::get).toList());
    }
}
