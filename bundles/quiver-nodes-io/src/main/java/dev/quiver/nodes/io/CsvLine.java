package dev.quiver.nodes.io;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;

/** One record of a CSV file: the line it starts on, its fields, and whether its last field was quoted. */
record CsvLine(long line, String[] fields, boolean lastFieldQuoted) {

    /**
     * Builds {@link CsvLine}s. FastCSV's own handlers drop the "quoted" flag, which we need to tell a
     * quoted last field from one whose closing quote is missing.
     */
    static final class Handler extends CsvCallbackHandler<CsvLine> {
        private long line;
        private String[] fields = new String[16];
        private int count;
        private boolean lastQuoted;
        private RecordType recordType = RecordType.DATA;

        @Override
        protected RecordType getRecordType() {
            return recordType;
        }

        @Override
        protected int getFieldCount() {
            return count;
        }

        @Override
        protected void beginRecord(long startingLineNumber) {
            line = startingLineNumber;
            count = 0;
            lastQuoted = false;
            recordType = RecordType.DATA;
        }

        @Override
        protected void addField(char[] buf, int offset, int len, boolean quoted) {
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
            }
            fields[count++] = new String(buf, offset, len);
            lastQuoted = quoted;
        }

        @Override
        protected void setComment(char[] buf, int offset, int len) {
            recordType = RecordType.COMMENT;
        }

        @Override
        protected void setEmpty() {
            recordType = RecordType.EMPTY;
        }

        @Override
        protected CsvLine buildRecord() {
            return new CsvLine(line, Arrays.copyOf(fields, count), lastQuoted);
        }
    }
}
