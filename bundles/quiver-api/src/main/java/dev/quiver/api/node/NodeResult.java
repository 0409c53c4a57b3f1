package dev.quiver.api.node;

import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.PortObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a node's execution produced: one object per output port, and charts for the editor. */
public record NodeResult(List<PortObject> outputs, List<ChartSpec> charts) {
    public NodeResult {
        outputs = List.copyOf(outputs);
        charts = List.copyOf(charts);
    }

    public static NodeResult of(PortObject... outputs) {
        return new NodeResult(Arrays.asList(outputs), List.of());
    }

    /** A copy with one more chart. */
    public NodeResult withChart(ChartSpec chart) {
        var c = new ArrayList<>(charts);
        c.add(chart);
        return new NodeResult(outputs, c);
    }
}
