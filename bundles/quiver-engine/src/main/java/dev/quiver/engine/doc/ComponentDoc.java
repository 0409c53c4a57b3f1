package dev.quiver.engine.doc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What makes a document a component: the inner settings its author exposes as the component node's
 * own settings. The ports are the component's boundary nodes, so they need no entry here.
 */
@JsonPropertyOrder({"settings"})
public record ComponentDoc(List<ExposedSetting> settings) {
    public ComponentDoc {
        settings = settings == null ? List.of() : List.copyOf(settings);
    }

    /**
     * One inner setting shown in the component node's form.
     *
     * @param name the key in the component node's settings
     * @param label what the form shows (the inner setting's own label when empty)
     * @param description the form's help text (the inner setting's own when empty)
     * @param node the inner node's id
     * @param setting the setting of that node
     */
    @JsonPropertyOrder({"name", "label", "description", "node", "setting"})
    public record ExposedSetting(String name, @JsonInclude(JsonInclude.Include.NON_EMPTY) String label,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String description, String node, String setting) {
    }
}
