package dev.quiver.api.port;

import dev.quiver.api.table.Table;
import java.util.List;
import java.util.Objects;

/**
 * A chart that a node asks the editor to draw: a mark over a small data table with encodings, in
 * the vocabulary of Vega-Lite (the editor translates it), so node bundles need no chart library.
 * Several layers share one set of axes (a scree plot's bars and its cumulative line).
 */
public record ChartSpec(String id, String title, Table data, List<Layer> layers) {

    public ChartSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        layers = List.copyOf(layers);
    }

    /** One mark with its encodings. */
    public record Layer(Mark mark, List<Channel> channels) {
        public Layer {
            channels = List.copyOf(channels);
        }
    }

    /** Maps a data column to a visual channel. */
    public record Channel(String channel, String field, FieldType fieldType, String title) {
        public static Channel x(String field, FieldType type) {
            return new Channel("x", field, type, field);
        }

        public static Channel y(String field, FieldType type) {
            return new Channel("y", field, type, field);
        }

        public static Channel color(String field, FieldType type) {
            return new Channel("color", field, type, field);
        }
    }

    public enum Mark { BAR, LINE, POINT, RECT, AREA, TICK, TEXT }

    public enum FieldType { QUANTITATIVE, NOMINAL, ORDINAL }

    /** A chart with a single layer. */
    public static ChartSpec of(String id, String title, Table data, Mark mark, Channel... channels) {
        return new ChartSpec(id, title, data, List.of(new Layer(mark, List.of(channels))));
    }
}
