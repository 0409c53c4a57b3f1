package dev.quiver.backend.spark.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableCodecTest {

    private static Table roundTrip(Table t) {
        byte[] bytes = Bytes.encode(out -> TableCodec.write(t, out));
        return Bytes.decode(bytes, TableCodec::read);
    }

    @Test
    void everyColumnTypeComesBackBitForBitWithMissingCellsAndRoles() {
        double[] doubles = {0.1 + 0.2, Double.NaN, -0.0, Double.MIN_VALUE, 1e308};
        BitSet longMissing = new BitSet();
        longMissing.set(2);
        BitSet bools = new BitSet();
        bools.set(0);
        bools.set(3);
        BitSet boolMissing = new BitSet();
        boolMissing.set(1);
        Table t = Table.of(
                DoubleColumn.of(new ColumnSpec("x", ColumnType.DOUBLE, ColumnRole.FEATURE), doubles),
                LongColumn.wrap(new ColumnSpec("n", ColumnType.LONG), new long[] {1, Long.MIN_VALUE, 0, 4, Long.MAX_VALUE},
                        longMissing),
                StringColumn.of(ColumnSpec.nominal("s", ColumnRole.LABEL, List.of("b", "a")),
                        Arrays.asList("a", null, "b, with \"comma\"", "é", "a")),
                BooleanColumn.wrap(new ColumnSpec("f", ColumnType.BOOLEAN), bools, boolMissing, 5));
        Table back = roundTrip(t);
        assertEquals(t.spec(), back.spec());
        for (int r = 0; r < 5; r++) {
            assertEquals(Double.doubleToRawLongBits(doubles[r]),
                    Double.doubleToRawLongBits(back.doubleColumn("x").get(r)), "row " + r);
            assertEquals(t.column("n").isMissing(r), back.column("n").isMissing(r));
            assertEquals(t.column("n").format(r), back.column("n").format(r));
            assertEquals(t.stringColumn("s").get(r), back.stringColumn("s").get(r));
            assertEquals(t.column("f").format(r), back.column("f").format(r));
            assertEquals(t.column("f").isMissing(r), back.column("f").isMissing(r));
        }
        assertEquals(t.stringColumn("s").domain(), back.stringColumn("s").domain(), "codes keep their meaning");
    }

    @Test
    void irisRoundTripsAndAnEmptyTableKeepsItsSpec() {
        Table iris = Fixtures.iris();
        Table back = roundTrip(iris);
        assertEquals(iris.spec(), back.spec());
        assertEquals(iris.rowCount(), back.rowCount());
        Table none = roundTrip(iris.rows(new int[0]));
        assertEquals(0, none.rowCount());
        assertEquals(iris.spec(), none.spec());
    }

    @Test
    void damagedBytesAreRefusedNotMisread() {
        byte[] bytes = Bytes.encode(out -> TableCodec.write(Fixtures.iris(), out));
        bytes[0] ^= 1;
        var e = assertThrows(UncheckedIOException.class, () -> Bytes.decode(bytes, TableCodec::read));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        byte[] truncated = Arrays.copyOf(Bytes.encode(out -> TableCodec.write(Fixtures.iris(), out)), 100);
        assertThrows(UncheckedIOException.class, () -> Bytes.decode(truncated, TableCodec::read));
        assertTrue(e.getCause() instanceof IOException, "the cause is kept");
    }
}
