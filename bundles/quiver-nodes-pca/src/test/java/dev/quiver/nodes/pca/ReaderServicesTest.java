package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.port.PortObjectReader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Host applications without OSGi find the readers through java.util.ServiceLoader. */
class ReaderServicesTest {
    @Test
    void everyReaderIsListedForServiceLoader() {
        var formats = ServiceLoader.load(PortObjectReader.class).stream().map(p -> p.get().formatId())
                .filter(f -> f.startsWith("quiver.pca.")).sorted().toList();
        assertEquals(List.of(KernelPcaTransform.FORMAT, PcaTransform.FORMAT), formats);
    }
}
