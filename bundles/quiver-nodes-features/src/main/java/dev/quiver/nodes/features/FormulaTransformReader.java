package dev.quiver.nodes.features;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads saved Formula transforms (format {@value FormulaNodeFactory.Step#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class FormulaTransformReader implements PortObjectReader {
    @Override
    public String formatId() {
        return FormulaNodeFactory.Step.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return FormulaNodeFactory.Step.read(data);
    }
}
