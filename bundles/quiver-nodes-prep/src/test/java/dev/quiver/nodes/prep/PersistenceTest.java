package dev.quiver.nodes.prep;

import static dev.quiver.testkit.PersistenceChecks.assertRefusesBadBytes;
import static dev.quiver.testkit.PersistenceChecks.assertSurvivesSaving;
import static dev.quiver.testkit.PersistenceChecks.bytes;
import static dev.quiver.testkit.PersistenceChecks.half;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Saved Missing Values and Normalizer transforms read back to the same transform. */
class PersistenceTest {
    private final NodeTester<NormalizerSettings> normalizer = NodeTester.of(new NormalizerNodeFactory());
    private final NodeTester<MissingValuesSettings> missing = NodeTester.of(new MissingValuesNodeFactory());

    private static <S extends Record> Transform fit(NodeTester<S> node, S settings, Table training) {
        return (Transform) node.execute(settings, training).outputs().get(1);
    }

    /**
     * Every kind of column the imputer treats, with gaps: double, long, nominal with a domain (a
     * property and a role other than feature included, as both must survive), boolean.
     */
    private static Table mixed() {
        int n = 40;
        double[] x = new double[n];
        long[] k = new long[n];
        var missingK = new BitSet();
        var colours = new ArrayList<String>();
        var flags = new BitSet();
        var missingFlags = new BitSet();
        String[] palette = {"red", "green", "blue"};
        for (int i = 0; i < n; i++) {
            x[i] = i % 7 == 3 ? Double.NaN : Math.sin(i) * 10;
            k[i] = (i * 37L) % 11;
            if (i % 5 == 1) {
                missingK.set(i);
                k[i] = 0;
            }
            colours.add(i % 6 == 2 ? null : palette[(i * i) % 3]);
            flags.set(i, i % 3 == 0);
            missingFlags.set(i, i % 8 == 5);
        }
        return Table.of(DoubleColumn.of("x", x),
                LongColumn.wrap(new ColumnSpec("k", ColumnType.LONG), k, missingK),
                StringColumn.of(new ColumnSpec("colour", ColumnType.STRING, ColumnRole.FEATURE, List.of(),
                        Map.of("unit", "paint", "origin", "survey")), colours),
                BooleanColumn.wrap(new ColumnSpec("flag", ColumnType.BOOLEAN), flags, missingFlags, n),
                DoubleColumn.of(new ColumnSpec("weight", ColumnType.DOUBLE, ColumnRole.META), new double[n]));
    }

    @Test
    void normalizerSurvivesSaving() throws IOException {
        Table training = half(Fixtures.wine(), true);
        Table other = half(Fixtures.wine(), false);
        var reader = new NormalizerTransformReader();
        for (Map<String, ?> s : List.of(Map.<String, Object>of(),
                Map.of("method", "MIN_MAX", "rangeMin", -1.0, "rangeMax", 3.0),
                Map.of("columns", List.of("alcohol", "magnesium")))) {
            Transform t = fit(normalizer, normalizer.settings(s), training);
            assertSurvivesSaving(t, reader, training, other);
        }
        // Missing cells stay missing, and the statistics skip them, after a round trip too.
        Table gaps = Fixtures.irisMissing();
        assertSurvivesSaving(fit(normalizer, normalizer.settings(Map.of()), half(gaps, true)), reader, half(gaps, true),
                half(gaps, false));
    }

    @Test
    void missingValuesSurvivesSaving() throws IOException {
        var reader = new MissingValuesTransformReader();
        Table training = half(mixed(), true);
        Table other = half(mixed(), false);
        for (Map<String, ?> s : List.of(Map.<String, Object>of(),
                Map.of("numericStrategy", "MEDIAN", "nominalStrategy", "CONSTANT", "nominalConstant", "true",
                        "columns", List.of("x", "k", "flag")),
                Map.of("numericStrategy", "MOST_FREQUENT"),
                Map.of("numericStrategy", "CONSTANT", "numericConstant", -2.5, "nominalStrategy", "DROP_ROW"),
                Map.of("numericStrategy", "DROP_ROW", "nominalStrategy", "NONE"),
                Map.of("nominalStrategy", "CONSTANT", "columns", List.of("colour")))) {
            Transform t = fit(missing, missing.settings(s), training);
            assertSurvivesSaving(t, reader, training, other);
        }
        Table iris = Fixtures.irisMissing();
        assertSurvivesSaving(fit(missing, missing.settings(Map.of("numericStrategy", "MEDIAN")), half(iris, true)),
                reader, half(iris, true), half(iris, false));
    }

    @Test
    void damagedTruncatedAndNewerBytesAreRefused() {
        assertRefusesBadBytes(fit(normalizer, normalizer.settings(Map.of("columns", List.of("alcohol", "hue"))),
                Fixtures.wine()), new NormalizerTransformReader(), "Normalizer transform");
        assertRefusesBadBytes(fit(missing, missing.settings(Map.of()), mixed()), new MissingValuesTransformReader(),
                "Missing Values transform");
    }

    @Test
    void bytesOfAnotherFormatAreRefusedNamingBoth() {
        byte[] normalized = bytes(fit(normalizer, normalizer.settings(Map.of()), Fixtures.iris()));
        var e = assertThrows(IOException.class,
                () -> new MissingValuesTransformReader().read(new ByteArrayInputStream(normalized), null));
        assertTrue(e.getMessage().contains("'quiver.prep.normalizer', not quiver.prep.missing-values"), e.getMessage());
    }

    @Test
    void partsWrittenOneAfterAnotherReadBackInTurn() throws IOException {
        // A container may write several parts into one stream: each reader must stop at its own last byte.
        Transform first = fit(missing, missing.settings(Map.of()), Fixtures.irisMissing());
        Transform second = fit(normalizer, normalizer.settings(Map.of()), Fixtures.iris());
        var out = new ByteArrayOutputStream();
        out.write(bytes(first));
        out.write(bytes(second));
        var in = new ByteArrayInputStream(out.toByteArray());
        assertArrayEquals(bytes(first), bytes((Transform) new MissingValuesTransformReader().read(in, null)));
        assertArrayEquals(bytes(second), bytes((Transform) new NormalizerTransformReader().read(in, null)));
        assertEquals(-1, in.read());
    }

    @Test
    void readersAreFoundWithoutOsgi() {
        var formats = ServiceLoader.load(PortObjectReader.class).stream().map(p -> p.get().formatId()).sorted().toList();
        assertTrue(formats.containsAll(List.of("quiver.prep.missing-values", "quiver.prep.normalizer")),
                formats.toString());
    }
}
