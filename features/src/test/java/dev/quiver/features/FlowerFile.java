package dev.quiver.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Large iris-like CSV files for batch scoring: an id, four measurements and a text column that sometimes needs quotes. */
final class FlowerFile {
    private FlowerFile() {
    }

    /** Writes {@code rows} seeded rows (the same file every time) with a header. */
    static void write(Path file, int rows) throws IOException {
        var random = new java.util.Random(11);
        try (var w = Files.newBufferedWriter(file)) {
            w.write("id,sepal_length,sepal_width,petal_length,petal_width,note\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + "," + round(4.3 + 3.6 * random.nextDouble()) + "," + round(2 + 2.4 * random.nextDouble())
                        + "," + round(1 + 5.9 * random.nextDouble()) + "," + round(0.1 + 2.4 * random.nextDouble())
                        + "," + (i % 3 == 0 ? "\"a, b\"" : i % 7 == 0 ? "" : "plain") + "\n");
            }
        }
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
