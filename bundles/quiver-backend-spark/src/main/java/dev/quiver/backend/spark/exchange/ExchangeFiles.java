package dev.quiver.backend.spark.exchange;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one command in the exchange directory that Quiver and the driver share: the job
 * ({@link FitCodec#encodeJob}), the units (a count, then one block per unit), and one outcome file
 * per finished unit ({@link UnitOutcome#encode}). Only file names and paths travel on the command line
 * of the protocol; bytes never do.
 */
public final class ExchangeFiles {
    public static final String JOB = "job.bin";
    public static final String UNITS = "units.bin";
    public static final String MODEL = "model.quiver-port";

    private ExchangeFiles() {
    }

    public static String outcomeFile(int index) {
        return "outcome-" + index + ".bin";
    }

    public static void writeUnits(Path file, List<byte[]> units) throws IOException {
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(units.size());
            for (byte[] unit : units) {
                Bytes.writeBlock(out, unit);
            }
        }
    }

    public static List<byte[]> readUnits(Path file) throws IOException {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<byte[]> units = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                units.add(Bytes.readBlock(in));
            }
            return units;
        }
    }
}
