package dev.quiver.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;

/** What every saved transform must survive: a round trip, a refit, truncation, damage, a newer version. */
public final class PersistenceChecks {
    private PersistenceChecks() {
    }

    public static byte[] bytes(Transform t) {
        Persistable p = assertInstanceOf(Persistable.class, t, "a fitted transform must be persistable");
        var out = new ByteArrayOutputStream();
        try {
            p.writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    public static Transform read(PortObjectReader reader, byte[] bytes) throws IOException {
        return assertInstanceOf(Transform.class, reader.read(new ByteArrayInputStream(bytes), null));
    }

    /** The rows at even (training) or odd (other) positions: both halves see every class of the fixtures. */
    public static Table half(Table t, boolean training) {
        return t.rows(IntStream.range(0, t.rowCount()).filter(i -> (i % 2 == 0) == training).toArray());
    }

    /**
     * Saves {@code fitted} (fitted on {@code training}), reads it back and checks that the copy is the
     * same transform: same bytes when saved again, same spec mapping, bit-identical output on
     * {@code other}, and a learner that refits to the same transform. Returns the copy.
     */
    public static Transform assertSurvivesSaving(Transform fitted, PortObjectReader reader, Table training, Table other)
            throws IOException {
        Persistable p = (Persistable) fitted;
        assertEquals(reader.formatId(), p.formatId());
        byte[] bytes = bytes(fitted);
        Transform back = read(reader, bytes);
        assertArrayEquals(bytes, bytes(back), "saving the read-back transform gives other bytes");

        assertEquals(fitted.spec().name(), back.spec().name());
        assertEquals(fitted.spec().input(), back.spec().input());
        assertEquals(fitted.spec().apply(other.spec()), back.spec().apply(other.spec()));
        assertEquals(fitted.summary(), back.summary());
        assertEquals(fitted.details(), back.details());
        Table expected = fitted.apply(other, TestContext.create());
        assertSameTable(expected, back.apply(other, TestContext.create()));
        assertEquals(back.spec().apply(other.spec()), expected.spec());

        assertEquals(fitted.learner().name(), back.learner().name());
        assertEquals(fitted.learner().configure(training.spec()).apply(other.spec()),
                back.learner().configure(training.spec()).apply(other.spec()));
        Transform refit = back.learner().fit(training, TestContext.create());
        assertArrayEquals(bytes, bytes(refit), "the read-back learner refits differently");
        assertSameTable(expected, refit.apply(other, TestContext.create()));
        return back;
    }

    /**
     * Every truncation, every single damaged byte and a newer version byte end in an IOException
     * that names the transform and says what to do — never another exception, never a silent misread.
     */
    public static void assertRefusesBadBytes(Transform fitted, PortObjectReader reader, String what) {
        byte[] bytes = bytes(fitted);
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            var e = assertThrows(IOException.class, () -> read(reader, cut), "truncated to " + n + " bytes");
            assertTrue(e.getMessage().contains(what) && e.getMessage().contains("Save the transform again"),
                    e.getMessage());
        }
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x24;
            int at = i;
            var e = assertThrows(IOException.class, () -> read(reader, bad), "damaged byte " + at);
            assertTrue(e.getMessage().contains(what), e.getMessage());
        }
        byte[] future = bytes.clone();
        future[0] = 9;
        var e = assertThrows(IOException.class, () -> read(reader, future));
        assertTrue(e.getMessage().contains("Unknown version 9 of a saved " + what)
                && e.getMessage().contains("at most version 1") && e.getMessage().contains("Update"), e.getMessage());
    }

    /** Same spec and, cell by cell, the same bits (NaN payloads and −0 included) and missing cells. */
    public static void assertSameTable(Table expected, Table actual) {
        assertEquals(expected.spec(), actual.spec());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int j = 0; j < expected.columnCount(); j++) {
            Column a = expected.column(j);
            Column b = actual.column(j);
            assertEquals(a.getClass(), b.getClass(), a.name());
            for (int i = 0; i < a.size(); i++) {
                String where = a.name() + " row " + i;
                assertEquals(a.isMissing(i), b.isMissing(i), where);
                if (a instanceof DoubleColumn d) {
                    assertEquals(Double.doubleToRawLongBits(d.get(i)), Double.doubleToRawLongBits(((DoubleColumn) b).get(i)),
                            where);
                } else if (a instanceof LongColumn l) {
                    assertEquals(l.get(i), ((LongColumn) b).get(i), where);
                } else if (a instanceof StringColumn s) {
                    assertEquals(s.get(i), ((StringColumn) b).get(i), where);
                } else {
                    assertEquals(((BooleanColumn) a).get(i), ((BooleanColumn) b).get(i), where);
                }
            }
            if (a instanceof StringColumn s) {
                assertEquals(s.domain(), ((StringColumn) b).domain(), a.name());
            }
        }
    }
}
