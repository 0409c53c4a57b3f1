package dev.quiver.nodes.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.testkit.NodeTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configure-time behaviour; the save/load round trip runs in the engine and in Felix (WorkflowIT). */
class ModelReaderWriterTest {
    @TempDir
    Path dir;

    @Test
    void readerNeedsAnExistingFileAndPromisesAModel() throws Exception {
        var reader = NodeTester.of(new ModelReaderNodeFactory());
        var e = assertThrows(InvalidInputException.class,
                () -> reader.configure(new ModelReaderNodeFactory.ModelReaderSettings("")));
        assertEquals("File is empty. Set File.", e.getMessage());
        Path missing = dir.resolve("none.quiver-port");
        var e2 = assertThrows(InvalidInputException.class,
                () -> reader.configure(new ModelReaderNodeFactory.ModelReaderSettings(missing.toString())));
        assertTrue(e2.getMessage().contains("does not exist"), e2.getMessage());
        Path file = Files.writeString(dir.resolve("m.quiver-port"), "x");
        List<PortSpec> specs = reader.configure(new ModelReaderNodeFactory.ModelReaderSettings(file.toString()));
        assertEquals(PortType.MODEL, specs.get(0).type());
        assertFalse(specs.get(0).isKnown());
    }

    @Test
    void writerNeedsAPathAndHasNoOutputs() {
        var writer = NodeTester.of(new ModelWriterNodeFactory());
        assertEquals(List.of(), writer.configure(writer.settings(java.util.Map.of()), (PortSpec) null));
        var e = assertThrows(InvalidInputException.class,
                () -> writer.configure(new ModelWriterNodeFactory.ModelWriterSettings(" ", true), (PortSpec) null));
        assertEquals("File is empty. Set File.", e.getMessage());
    }
}
