package dev.quiver.nodes.tribuo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A fitted Tribuo regressor as a Quiver model, and the conversions regression learners share. Saved
 * as format {@value #FORMAT}: the header of {@link TribuoFiles}, then Tribuo's protobuf bytes.
 */
final class TribuoRegressor implements Model, Persistable {
    static final String FORMAT = "quiver.tribuo.regressor";
    static final RegressionFactory FACTORY = new RegressionFactory();
    private static final int CHUNK = 4096;

    private final ModelSpec spec;
    private final org.tribuo.Model<Regressor> model;

    TribuoRegressor(ModelSpec spec, org.tribuo.Model<Regressor> model) {
        this.spec = spec;
        this.model = model;
    }

    /** The spec of a regressor fitted on {@code table}: a numeric label and numeric features. */
    static ModelSpec regressorSpec(String name, TableSpec table, FitColumns columns, Map<String, String> provenance) {
        ColumnSpec label = table.require(columns.label(), "Label column");
        if (!label.isNumeric()) {
            throw new InvalidInputException("Label column '" + label.name() + "' is " + label.type().label()
                    + "; a regressor needs a numeric label. Choose a numeric label column, or use a classifier.");
        }
        if (columns.features().isEmpty()) {
            throw new InvalidInputException("No feature columns. Choose at least one numeric feature column.");
        }
        var features = new ArrayList<ColumnSpec>();
        for (String f : columns.features()) {
            ColumnSpec c = table.require(f, "Feature column");
            if (c.isNominal()) {
                throw new InvalidInputException("Feature '" + f + "' is nominal; add a One-Hot Encoder before this learner.");
            }
            if (!c.isNumeric()) {
                throw new InvalidInputException("Feature '" + f + "' is " + c.type().label()
                        + "; this learner needs numeric features. Convert it to a number first.");
            }
            features.add(c);
        }
        return new ModelSpec(name, Task.REGRESSION, features, label, List.of(), provenance);
    }

    /** The training rows as a Tribuo dataset with one output dimension named after the label. */
    static MutableDataset<Regressor> dataset(Table table, FitColumns columns) {
        double[][] x = table.toRowMajor(columns.features());
        double[] y = column(table.toRowMajor(List.of(columns.label())));
        String[] names = columns.features().toArray(String[]::new);
        var dataset = new MutableDataset<Regressor>(new SimpleDataSourceProvenance("Quiver table", FACTORY), FACTORY);
        for (int i = 0; i < x.length; i++) {
            dataset.add(new ArrayExample<>(new Regressor(columns.label(), y[i]), names.clone(), x[i]));
        }
        if (x.length < 2) {
            throw new InvalidInputException("A regressor needs at least 2 training rows, but " + x.length
                    + " reached it. Check the rows that reach this node.");
        }
        return dataset;
    }

    private static double[] column(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    TribuoRegressor withProvenance(String key, String value) {
        var provenance = new LinkedHashMap<>(spec.provenance());
        provenance.put(key, value);
        return new TribuoRegressor(new ModelSpec(spec.name(), spec.task(), spec.features(), spec.label(), spec.classes(),
                provenance), model);
    }

    @Override
    public String formatId() {
        return FORMAT;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        TribuoFiles.write(out, FORMAT, 0, false, model.serialize().toByteArray());
    }

    /** Rebuilds a regressor saved by {@link #writeTo}; {@code spec} is the model spec saved beside it. */
    static TribuoRegressor read(InputStream in, PortSpec spec) throws IOException {
        TribuoFiles.Saved saved = TribuoFiles.read(in, FORMAT, spec);
        org.tribuo.Model<?> raw = TribuoFiles.model(saved.proto());
        if (!raw.validate(Regressor.class)) {
            throw new IOException("The saved Tribuo model (" + raw.getClass().getSimpleName()
                    + ") does not predict numbers; it is not a regressor.");
        }
        return new TribuoRegressor((ModelSpec) spec, raw.castModel(Regressor.class));
    }

    @Override
    public Table predict(Table data, ExecutionContext context) {
        spec.checkInput(data.spec());
        List<String> features = spec.features().stream().map(ColumnSpec::name).toList();
        double[][] x = data.toRowMajor(features);
        String[] names = features.toArray(String[]::new);
        int n = data.rowCount();
        double[] predicted = new double[n];
        for (int from = 0; from < n; from += CHUNK) {
            context.checkCanceled();
            int to = Math.min(n, from + CHUNK);
            var batch = new ArrayList<Example<Regressor>>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names.clone(), x[i]));
            }
            List<Prediction<Regressor>> out = model.predict(batch);
            for (int i = from; i < to; i++) {
                predicted[i] = out.get(i - from).getOutput().getValues()[0];
            }
            context.progress((double) to / Math.max(1, n), "Predicted " + to + " of " + n + " rows");
        }
        return Table.of(DoubleColumn.wrap(spec.predictionColumns().get(0), predicted));
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", spec.name());
        out.put("label", spec.label().name());
        out.put("features", spec.features().stream().map(ColumnSpec::name).toList());
        out.put("provenance", new LinkedHashMap<>(spec.provenance()));
        return out;
    }
}
