package dev.quiver.backend.spark.exchange;

import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.engine.doc.WorkflowJson;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A table as bytes, for the trip to a Spark executor and back: the spec as JSON (the same mapping
 * the engine saves specs with), then each column's raw values. Doubles travel as their exact bits,
 * so a table arrives bit for bit as it left; text CSV would round them.
 */
public final class TableCodec {
    private static final int MAGIC = 0x5154424c; // "QTBL"
    private static final int VERSION = 1;

    private TableCodec() {
    }

    public static void write(Table table, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        Bytes.writeBlock(out, WorkflowJson.mapper().writeValueAsBytes(table.spec()));
        int rows = table.rowCount();
        out.writeInt(rows);
        for (Column column : table.columns()) {
            if (column instanceof DoubleColumn d) {
                for (int r = 0; r < rows; r++) {
                    out.writeLong(Double.doubleToRawLongBits(d.get(r)));
                }
            } else if (column instanceof LongColumn l) {
                for (int r = 0; r < rows; r++) {
                    out.writeLong(l.isMissing(r) ? 0 : l.get(r));
                }
                writeBits(out, rows, l::isMissing);
            } else if (column instanceof StringColumn s) {
                List<String> domain = s.domain();
                out.writeInt(domain.size());
                for (String v : domain) {
                    Bytes.writeString(out, v);
                }
                for (int r = 0; r < rows; r++) {
                    out.writeInt(s.code(r));
                }
            } else {
                BooleanColumn b = (BooleanColumn) column;
                writeBits(out, rows, r -> !b.isMissing(r) && b.get(r));
                writeBits(out, rows, b::isMissing);
            }
        }
    }

    public static Table read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("Not a table written by TableCodec (bad magic number)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("Table format version " + version + ", this reader supports version " + VERSION
                    + ": use the same Quiver version on the driver and the executors");
        }
        TableSpec spec = WorkflowJson.mapper().readValue(Bytes.readBlock(in), TableSpec.class);
        int rows = in.readInt();
        List<Column> columns = new ArrayList<>(spec.columnCount());
        for (ColumnSpec c : spec.columns()) {
            columns.add(switch (c.type()) {
                case DOUBLE -> {
                    double[] values = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        values[r] = Double.longBitsToDouble(in.readLong());
                    }
                    yield DoubleColumn.wrap(c, values);
                }
                case LONG -> {
                    long[] values = new long[rows];
                    for (int r = 0; r < rows; r++) {
                        values[r] = in.readLong();
                    }
                    yield LongColumn.wrap(c, values, readBits(in, rows));
                }
                case STRING -> {
                    int n = in.readInt();
                    List<String> domain = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        domain.add(Bytes.readString(in));
                    }
                    int[] codes = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        codes[r] = in.readInt();
                    }
                    yield StringColumn.wrap(c, codes, domain);
                }
                case BOOLEAN -> {
                    BitSet values = readBits(in, rows);
                    yield BooleanColumn.wrap(c, values, readBits(in, rows), rows);
                }
            });
        }
        return columns.isEmpty() ? Table.empty(spec) : Table.of(columns);
    }

    private interface RowTest {
        boolean test(int row);
    }

    private static void writeBits(DataOutputStream out, int rows, RowTest bit) throws IOException {
        BitSet bits = new BitSet(rows);
        for (int r = 0; r < rows; r++) {
            if (bit.test(r)) {
                bits.set(r);
            }
        }
        Bytes.writeBlock(out, bits.toByteArray());
    }

    private static BitSet readBits(DataInputStream in, int rows) throws IOException {
        return BitSet.valueOf(Bytes.readBlock(in));
    }
}
