package dev.quiver.engine.embed;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PipelineModel;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.engine.store.PortObjectFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saved model or pipeline (a {@code .quiver-port} file written by the Pipeline node, Model Writer
 * or {@code quiver run --out}) scoring rows inside a host application:
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.load(Path.of("churn.quiver-port"));
 * Table scored = pipeline.predict(table);   // the input columns + prediction + P(class) columns
 * }</pre>
 *
 * The class path needs quiver-api, quiver-engine, Jackson, and the node bundles whose models and
 * transforms the file holds (they announce their readers to {@link ServiceLoader}).
 */
public final class Pipeline {
    private final Model model;

    private Pipeline(Model model) {
        this.model = model;
    }

    /** Loads a saved model or pipeline, finding readers with {@link ServiceLoader}. */
    public static Pipeline load(Path file) {
        List<PortObjectReader> readers = new ArrayList<>();
        ServiceLoader.load(PortObjectReader.class, Pipeline.class.getClassLoader()).forEach(readers::add);
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        if (tccl != null && tccl != Pipeline.class.getClassLoader()) {
            ServiceLoader.load(PortObjectReader.class, tccl).forEach(readers::add);
        }
        return load(file, readers);
    }

    /** Loads a saved model or pipeline with the given readers. */
    public static Pipeline load(Path file, List<? extends PortObjectReader> readers) {
        PortObject o = PortObjectFiles.readEmbedded(file,
                format -> readers.stream().filter(r -> r.formatId().equals(format)).map(r -> (PortObjectReader) r).findFirst(),
                new StandaloneContext());
        if (!(o instanceof Model m)) {
            throw new InvalidInputException(file + " holds a " + o.type().displayName() + ", not a model or pipeline.");
        }
        return new Pipeline(m);
    }

    /** The columns a table must have to be scored (the raw columns the first step was fitted on). */
    public List<ColumnSpec> inputColumns() {
        return model.spec().features();
    }

    public ModelSpec spec() {
        return model.spec();
    }

    /**
     * Scores every row: the input columns followed by {@code prediction} and, for classifiers, one
     * {@code P(class)} column per class. Fails with a message naming missing columns.
     */
    public Table predict(Table table) {
        if (model instanceof PipelineModel p) {
            p.checkInput(table.spec());
        } else {
            model.spec().checkInput(table.spec());
        }
        Table predicted = model.predict(table, new StandaloneContext());
        List<Column> columns = new ArrayList<>(table.columns());
        for (Column c : predicted.columns()) {
            if (table.spec().contains(c.name())) {
                throw new InvalidInputException("The input already has a column '" + c.name()
                        + "'. Remove or rename it before scoring.");
            }
            columns.add(c);
        }
        return Table.of(columns);
    }

    /** A context for scoring outside a workflow: no progress display, never cancelled. */
    private static final class StandaloneContext implements ExecutionContext {
        @Override
        public String nodeId() {
            return "embedded";
        }

        @Override
        public Path resolvePath(String path) {
            return Path.of(path).toAbsolutePath();
        }

        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public ExecutionContext subProgress(double from, double to) {
            return this;
        }

        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public void warn(String message) {
            LoggerFactory.getLogger(Pipeline.class).warn(message);
        }

        @Override
        public Logger logger() {
            return LoggerFactory.getLogger(Pipeline.class);
        }

        @Override
        public RandomGenerator random() {
            return new SplittableRandom(42);
        }
    }

}
