package dev.quiver.nodes.dl4j;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted neural network: predicts a class and one probability per class (softmax outputs, in the
 * order of the {@link ModelSpec}'s classes) and carries its training history.
 *
 * <p>Saved files are a zip of two entries: {@value #NETWORK_ENTRY}, the network in DL4J's own format
 * ({@link ModelSerializer}: configuration JSON, parameters, updater state), and
 * {@value #SPEC_ENTRY}, the Quiver side (features, label, classes, provenance, history) as
 * properties text. No Java serialisation. The engine saves it through {@link Persistable} ({@code quiver
 * run --out}, Model Reader); {@link #save} and {@link #load} do the same for code.
 */
public final class NeuralNetworkModel implements Model, Persistable {
    /** The {@link Persistable} format id; {@link NeuralNetworkModelReader} reads it back. */
    public static final String FORMAT_ID = "quiver.dl4j.model";
    static final String NETWORK_ENTRY = "network.dl4j.zip";
    static final String SPEC_ENTRY = "quiver-model.properties";
    static final String FORMAT = "quiver-dl4j-model";
    static final int FORMAT_VERSION = 1;
    private static final int CHUNK = 4096;

    private final ModelSpec spec;
    private final MultiLayerNetwork network;
    private final TrainingHistory history;

    NeuralNetworkModel(ModelSpec spec, MultiLayerNetwork network, TrainingHistory history) {
        this.spec = spec;
        this.network = network;
        this.history = history;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    public TrainingHistory history() {
        return history;
    }

    @Override
    public Table predict(Table data, ExecutionContext context) {
        spec.checkInput(data.spec());
        List<String> features = spec.features().stream().map(ColumnSpec::name).toList();
        double[][] x = data.toRowMajor(features);
        int n = data.rowCount();
        int classes = spec.classes().size();
        int[] predicted = new int[n];
        double[][] probabilities = new double[classes][n];
        Nd4jRuntime.call(() -> {
            for (int from = 0; from < n; from += CHUNK) {
                context.checkCanceled();
                int to = Math.min(n, from + CHUNK);
                float[][] p = output(Dl4jTrainer.features(x, from, to));
                for (int i = from; i < to; i++) {
                    float[] row = p[i - from];
                    double sum = 0;
                    int best = 0;
                    for (int k = 0; k < classes; k++) {
                        sum += row[k];
                        if (row[k] > row[best]) {
                            best = k;
                        }
                    }
                    predicted[i] = best;
                    // Softmax in single precision sums to 1 within ~1e-7; renormalise in double.
                    for (int k = 0; k < classes; k++) {
                        probabilities[k][i] = row[k] / sum;
                    }
                }
                context.progress((double) to / Math.max(1, n), "Predicted " + to + " of " + n + " rows");
            }
            return null;
        });
        List<ColumnSpec> columns = spec.predictionColumns();
        var out = new ArrayList<Column>();
        out.add(StringColumn.wrap(columns.get(0), predicted, spec.classes()));
        for (int k = 0; k < classes; k++) {
            out.add(DoubleColumn.wrap(columns.get(k + 1), probabilities[k]));
        }
        return Table.of(out);
    }

    /** DL4J networks keep per-call state (layer inputs, workspaces): one caller at a time. */
    private float[][] output(INDArray features) {
        synchronized (network) {
            return network.output(features, false).toFloatMatrix();
        }
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", spec.name());
        out.put("label", spec.label().name());
        out.put("classes", spec.classes());
        out.put("features", spec.features().stream().map(ColumnSpec::name).toList());
        out.put("layers", spec.provenance().getOrDefault("setting.hiddenLayers", "?"));
        out.put("history", history.toDetails());
        out.put("provenance", new LinkedHashMap<>(spec.provenance()));
        return out;
    }

    // ---- Saving and loading ----

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        save(this, out);
    }

    /** Writes {@code model} to {@code file} (see the class comment for the format). */
    public static void save(NeuralNetworkModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            save(model, out);
        }
    }

    public static void save(NeuralNetworkModel model, OutputStream out) throws IOException {
        var network = new ByteArrayOutputStream();
        Nd4jRuntime.call(() -> {
            try {
                synchronized (model.network) {
                    ModelSerializer.writeModel(model.network, network, true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        var zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(SPEC_ENTRY));
        zip.write(specText(model).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
        network.writeTo(zip);
        zip.closeEntry();
        zip.finish();
    }

    public static NeuralNetworkModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    public static NeuralNetworkModel load(InputStream in) throws IOException {
        String text = null;
        byte[] network = null;
        var zip = new ZipInputStream(in);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (e.getName().equals(SPEC_ENTRY)) {
                text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            } else if (e.getName().equals(NETWORK_ENTRY)) {
                network = zip.readAllBytes();
            }
        }
        if (text == null || network == null) {
            throw new InvalidInputException("Not a Quiver neural-network model file: it lacks "
                    + (text == null ? SPEC_ENTRY : NETWORK_ENTRY) + ". Choose a file saved by the Neural Network node.");
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        String format = p.getProperty("format");
        int version = Integer.parseInt(p.getProperty("formatVersion", "0"));
        if (!FORMAT.equals(format) || version > FORMAT_VERSION) {
            throw new InvalidInputException("Unknown model format " + format + " version " + version
                    + ", this Quiver reads " + FORMAT + " up to version " + FORMAT_VERSION + ". Update Quiver.");
        }
        byte[] bytes = network;
        MultiLayerNetwork restored = Nd4jRuntime.call(() -> {
            try {
                return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new NeuralNetworkModel(spec(p), restored, history(p));
    }

    private static String specText(NeuralNetworkModel model) throws IOException {
        ModelSpec s = model.spec;
        var p = new TreeMap<String, String>();
        p.put("format", FORMAT);
        p.put("formatVersion", Integer.toString(FORMAT_VERSION));
        p.put("name", s.name());
        p.put("task", s.task().name());
        p.put("label.name", s.label().name());
        p.put("label.type", s.label().type().name());
        p.put("label.role", s.label().role().name());
        putList(p, "class", s.classes());
        putList(p, "feature", s.features().stream().map(ColumnSpec::name).toList());
        putList(p, "featureType", s.features().stream().map(c -> c.type().name()).toList());
        s.provenance().forEach((k, v) -> p.put("provenance." + k, v));
        TrainingHistory h = model.history;
        p.put("history.bestEpoch", Integer.toString(h.bestEpoch()));
        p.put("history.stoppedEarly", Boolean.toString(h.stoppedEarly()));
        for (TrainingHistory.Epoch e : h.epochs()) {
            // Double.toString reads back to the same double.
            p.put(String.format("history.%06d", e.epoch()), e.trainingLoss() + "," + e.validationLoss() + ","
                    + e.validationAccuracy());
        }
        Properties props = new Properties();
        props.putAll(p);
        var w = new StringWriter();
        props.store(w, "Quiver neural-network model");
        // Drop the date line that Properties.store writes, so equal models give equal files.
        return w.toString().lines().filter(l -> !l.startsWith("#") || l.startsWith("#Quiver"))
                .sorted((a, b) -> a.startsWith("#") ? -1 : b.startsWith("#") ? 1 : a.compareTo(b))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static void putList(Map<String, String> p, String key, List<String> values) {
        p.put(key + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            p.put(key + "." + i, values.get(i));
        }
    }

    private static List<String> getList(Properties p, String key) {
        int count = Integer.parseInt(p.getProperty(key + ".count", "0"));
        var out = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            out.add(p.getProperty(key + "." + i));
        }
        return out;
    }

    private static ModelSpec spec(Properties p) {
        List<String> classes = getList(p, "class");
        ColumnType labelType = ColumnType.valueOf(p.getProperty("label.type"));
        var label = new ColumnSpec(p.getProperty("label.name"), labelType, ColumnRole.valueOf(p.getProperty("label.role")),
                labelType == ColumnType.STRING ? classes : List.of(), Map.of());
        List<String> names = getList(p, "feature");
        List<String> types = getList(p, "featureType");
        var features = new ArrayList<ColumnSpec>();
        for (int i = 0; i < names.size(); i++) {
            features.add(new ColumnSpec(names.get(i), ColumnType.valueOf(types.get(i))));
        }
        var provenance = new LinkedHashMap<String, String>();
        new TreeMap<>(p).forEach((k, v) -> {
            if (k.toString().startsWith("provenance.")) {
                provenance.put(k.toString().substring("provenance.".length()), v.toString());
            }
        });
        return new ModelSpec(p.getProperty("name"), Task.valueOf(p.getProperty("task")), features, label, classes,
                provenance);
    }

    private static TrainingHistory history(Properties p) {
        var epochs = new ArrayList<TrainingHistory.Epoch>();
        new TreeMap<>(p).forEach((k, v) -> {
            String key = k.toString();
            if (key.matches("history\\.\\d+")) {
                String[] parts = v.toString().split(",");
                epochs.add(new TrainingHistory.Epoch(Integer.parseInt(key.substring(8)), Double.parseDouble(parts[0]),
                        Double.parseDouble(parts[1]), Double.parseDouble(parts[2])));
            }
        });
        return new TrainingHistory(epochs, Integer.parseInt(p.getProperty("history.bestEpoch", "0")),
                Boolean.parseBoolean(p.getProperty("history.stoppedEarly", "false")));
    }
}
