package dev.quiver.engine.doc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A workflow parameter: one name that sets one or more node settings, so that a shared workflow
 * serves many data sets ({@code quiver run wf.quiver.json --set data=wine.csv}).
 *
 * @param name what {@code --set} uses; no dots, so it never reads as NODE.SETTING
 * @param label a short human name for forms and {@code quiver doc}
 * @param description what the value means and what it should be
 * @param defaultValue the value when none is given; null leaves the targets as saved
 * @param targets the settings it sets, each {@code NODE.SETTING}
 */
@JsonPropertyOrder({"name", "label", "description", "default", "targets"})
public record ParameterDoc(String name, @JsonInclude(JsonInclude.Include.NON_EMPTY) String label,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        @JsonProperty("default") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode defaultValue,
        List<String> targets) {
    public ParameterDoc {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
