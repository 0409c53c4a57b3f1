package dev.quiver.nodes.tribuo;

import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.tribuo.protos.core.ModelProto;

/**
 * The byte layout shared by saved Tribuo classifiers and regressors: a header Quiver owns and
 * versions, then Tribuo's protobuf {@code ModelProto} (no Java serialisation).
 *
 * <pre>
 * int   magic 0x51545242 ("QTRB")
 * int   header version (1)
 * UTF   format id (quiver.tribuo.classifier | quiver.tribuo.regressor)
 * int   wrapper kind (0 plain, 1 linear, 2 tree)
 * bool  whether the output scores are probabilities
 * int   n, then n bytes of ModelProto
 * </pre>
 */
final class TribuoFiles {
    static final int MAGIC = 0x51545242;
    static final int VERSION = 1;
    /** Refuses absurd lengths from a corrupt file before allocating them. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private TribuoFiles() {
    }

    record Saved(int kind, boolean probabilistic, byte[] proto) {
    }

    static void write(OutputStream stream, String format, int kind, boolean probabilistic, byte[] proto)
            throws IOException {
        var out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(format);
        out.writeInt(kind);
        out.writeBoolean(probabilistic);
        out.writeInt(proto.length);
        out.write(proto);
        out.flush();
    }

    static Saved read(InputStream stream, String format, PortSpec spec) throws IOException {
        if (!(spec instanceof ModelSpec)) {
            throw new IOException("A saved Tribuo model needs its model spec beside it, but the file has "
                    + (spec == null ? "none" : spec.getClass().getSimpleName()) + ". Save the model again.");
        }
        var in = new DataInputStream(stream);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("Not a saved Tribuo model: the file starts with 0x" + Integer.toHexString(magic)
                    + " instead of 0x" + Integer.toHexString(MAGIC) + ".");
        }
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("Unknown Tribuo model header version " + version + ", this Quiver reads at most"
                    + " version " + VERSION + ". Update Quiver to read this file.");
        }
        String saved = in.readUTF();
        if (!saved.equals(format)) {
            throw new IOException("The file holds a " + saved + ", not a " + format + ".");
        }
        int kind = in.readInt();
        boolean probabilistic = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > MAX_BYTES) {
            throw new IOException("Corrupt Tribuo model: " + n + " bytes announced.");
        }
        return new Saved(kind, probabilistic, in.readNBytes(n));
    }

    static org.tribuo.Model<?> model(byte[] proto) throws IOException {
        try {
            return org.tribuo.Model.deserialize(ModelProto.parseFrom(proto));
        } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalStateException
                | IllegalArgumentException e) {
            throw new IOException("Cannot read the Tribuo model: " + e.getMessage(), e);
        }
    }
}
