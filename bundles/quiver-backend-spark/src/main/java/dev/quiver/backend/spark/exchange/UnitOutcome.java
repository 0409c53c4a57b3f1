package dev.quiver.backend.spark.exchange;

/**
 * What one Spark task returns for one unit: the encoded {@link dev.quiver.api.node.FitResult} or the
 * failure message, the process that ran it ({@code pid@host}), how long it took, and which attempt of
 * the task it was (0 unless Spark re-ran it, e.g. after losing an executor).
 */
public record UnitOutcome(int index, byte[] result, String failure, String worker, long nanos, int attempt) {

    public static UnitOutcome success(int index, byte[] result, String worker, long nanos, int attempt) {
        return new UnitOutcome(index, result, null, worker, nanos, attempt);
    }

    public static UnitOutcome failure(int index, String failure, String worker, long nanos, int attempt) {
        return new UnitOutcome(index, null, failure, worker, nanos, attempt);
    }

    /** This JVM as {@code pid@host}, the same form as {@link dev.quiver.api.node.FitResult#worker()}. */
    public static String thisProcess() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    public byte[] encode() {
        return Bytes.encode(out -> {
            out.writeInt(index);
            out.writeBoolean(result != null);
            Bytes.writeBlock(out, result != null ? result : failure.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Bytes.writeString(out, worker);
            out.writeLong(nanos);
            out.writeInt(attempt);
        });
    }

    public static UnitOutcome decode(byte[] bytes) {
        return Bytes.decode(bytes, in -> {
            int index = in.readInt();
            boolean ok = in.readBoolean();
            byte[] block = Bytes.readBlock(in);
            String worker = Bytes.readString(in);
            long nanos = in.readLong();
            int attempt = in.readInt();
            return ok ? success(index, block, worker, nanos, attempt)
                    : failure(index, new String(block, java.nio.charset.StandardCharsets.UTF_8), worker, nanos, attempt);
        });
    }
}
