package dev.quiver.nodes.io;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.quiver.api.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An open CSV file as a sequence of {@link CsvLine}s: transparent gzip, a UTF-8 byte-order mark
 * skipped, bytes counted for progress, and FastCSV's failures turned into messages with line numbers.
 */
final class CsvSource implements AutoCloseable {
    private final Path path;
    private final char quote;
    private final long size;
    private final CountingInputStream counter;
    private final LastCharReader tail;
    private final CsvReader<CsvLine> reader;
    private final CloseableIterator<CsvLine> iterator;
    private CsvLine last;

    private CsvSource(Path path, char delimiter, char quote) throws IOException {
        this.path = path;
        this.quote = quote;
        this.size = Files.size(path);
        this.counter = new CountingInputStream(Files.newInputStream(path));
        InputStream in = new BufferedInputStream(counter, 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        if (gzip) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        var text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        text.mark(1);
        if (text.read() != '\uFEFF') {
            text.reset();
        }
        this.tail = new LastCharReader(text);
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter(quote)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .build(new CsvLine.Handler(), tail);
        this.iterator = reader.iterator();
    }

    /** Opens the file, failing with a message that names the resolved path when it cannot be read. */
    static CsvSource open(Path path, char delimiter, char quote) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("File not found: " + path.toAbsolutePath()
                    + ". Check the path; a relative path is read from the workflow's folder.");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(path.toAbsolutePath() + " is a folder, not a file. Choose a CSV file.");
        }
        try {
            return new CsvSource(path, delimiter, quote);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + path.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check that the file exists and is readable.", e);
        }
    }

    /** The next record, or null at the end of the file. */
    CsvLine next() {
        try {
            if (!iterator.hasNext()) {
                checkClosedQuote();
                return null;
            }
            last = iterator.next();
            return last;
        } catch (CsvParseException e) {
            String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new InvalidInputException("Malformed CSV in " + path.getFileName() + ". " + e.getMessage() + cause
                    + ". Fix that line (often an unclosed quote or a stray character after a closing quote).", e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("Cannot read " + path.toAbsolutePath() + ": " + e.getCause().getMessage()
                    + ". Check that the file is complete (a truncated .gz file fails like this).", e);
        }
    }

    /**
     * FastCSV accepts a quote that is never closed and returns the rest of the file as one field. A
     * properly closed quoted last field leaves the quote as the file's last character (before line
     * breaks); anything else means the quote ran to the end of the file.
     */
    private void checkClosedQuote() {
        if (last != null && last.lastFieldQuoted() && tail.lastChar() != quote) {
            throw new InvalidInputException("Line " + last.line() + " of " + path.getFileName()
                    + " opens a quoted field (" + quote + ") that is never closed. Add the closing quote.");
        }
    }

    /** Fraction of the file's bytes consumed so far, for progress. */
    double fractionRead() {
        return size == 0 ? 1.0 : Math.min(1.0, (double) counter.count() / size);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers the last character that is not a line break. */
    private static final class LastCharReader extends FilterReader {
        private int lastChar = -1;

        LastCharReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0 && c != '\n' && c != '\r') {
                lastChar = c;
            }
            return c;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = super.read(cbuf, off, len);
            for (int i = off + n - 1; i >= off; i--) {
                char c = cbuf[i];
                if (c != '\n' && c != '\r') {
                    lastChar = c;
                    break;
                }
            }
            return n;
        }

        int lastChar() {
            return lastChar;
        }
    }
}
