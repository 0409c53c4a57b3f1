package dev.quiver.nodes.tribuo;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.PortSpec;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/** Reads Tribuo regressors saved by {@code quiver run --out} or a Model Writer (format {@value TribuoRegressor#FORMAT}). */
@Component(service = PortObjectReader.class)
public final class TribuoRegressorReader implements PortObjectReader {
    @Override
    public String formatId() {
        return TribuoRegressor.FORMAT;
    }

    @Override
    public PortObject read(InputStream data, PortSpec spec) throws IOException {
        return TribuoRegressor.read(data, spec);
    }
}
