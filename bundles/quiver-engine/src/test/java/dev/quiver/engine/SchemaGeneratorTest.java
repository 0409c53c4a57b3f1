package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import dev.quiver.engine.settings.SchemaGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaGeneratorTest {
    enum Activation { RELU, TANH }

    record Layer(@Range(min = 1, max = 4096) int units, Activation activation) {
    }

    record NetSettings(
            @Description("Step size of the optimiser.") @Range(min = 1e-6, max = 1, log = true) double learningRate,
            @Tunable(budget = true) @Range(min = 1, max = 10_000) int epochs,
            @Tunable(false) long seed,
            @ColumnRef(types = ColumnType.STRING) String labelColumn,
            @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true) List<String> features,
            List<Layer> layers,
            boolean earlyStopping) {
    }

    private final JsonNode schema = SchemaGenerator.schema(NetSettings.class,
            new NetSettings(0.01, 20, 42, "", List.of(), List.of(new Layer(64, Activation.RELU)), true));

    private JsonNode prop(String name) {
        return schema.get("properties").get(name);
    }

    @Test
    void numbersCarryBoundsScaleDefaultAndDescription() {
        JsonNode lr = prop("learningRate");
        assertEquals("number", lr.get("type").asText());
        assertEquals(1e-6, lr.get("minimum").asDouble());
        assertEquals(1, lr.get("maximum").asInt());
        assertEquals("log", lr.get("x-quiver-scale").asText());
        assertEquals(0.01, lr.get("default").asDouble());
        assertEquals("Step size of the optimiser.", lr.get("description").asText());
        assertEquals("Learning rate", lr.get("title").asText());
        assertTrue(lr.get("x-quiver-tunable").asBoolean());
    }

    @Test
    void tunableAndBudgetHints() {
        assertTrue(prop("epochs").get("x-quiver-budget").asBoolean());
        assertEquals("integer", prop("epochs").get("type").asText());
        assertFalse(prop("seed").get("x-quiver-tunable").asBoolean());
        assertTrue(prop("earlyStopping").get("x-quiver-tunable").asBoolean(), "booleans are tunable by default");
        assertFalse(prop("labelColumn").get("x-quiver-tunable").asBoolean(), "columns are not");
    }

    @Test
    void columnPickersNameThePortTypesAndMultiplicity() {
        JsonNode single = prop("labelColumn").get("x-quiver-column");
        assertEquals(0, single.get("port").asInt());
        assertEquals("string", single.get("types").get(0).asText());
        assertFalse(single.get("multiple").asBoolean());
        JsonNode multi = prop("features").get("x-quiver-column");
        assertTrue(multi.get("multiple").asBoolean());
        assertTrue(multi.get("optional").asBoolean());
        assertEquals("array", prop("features").get("type").asText());
    }

    @Test
    void nestedRecordsAndEnumsBecomeObjectsAndEnums() {
        JsonNode items = prop("layers").get("items");
        assertEquals("object", items.get("type").asText());
        assertEquals("[\"RELU\",\"TANH\"]", items.get("properties").get("activation").get("enum").toString());
        assertEquals(4096, items.get("properties").get("units").get("maximum").asInt());
        assertEquals(64, prop("layers").get("default").get(0).get("units").asInt());
        assertFalse(schema.get("additionalProperties").asBoolean());
        assertEquals(7, schema.get("required").size());
    }
}
