package dev.quiver.api.port;

import dev.quiver.api.table.TableSpec;
import java.util.function.UnaryOperator;

/**
 * Configure-time description of a fitted transformation: the table spec it was fitted on and how
 * it maps any compatible input spec to its output spec.
 */
public interface TransformSpec extends PortSpec {
    String name();

    /** The spec of the table the transform is (or will be) fitted on. */
    TableSpec input();

    /**
     * The output spec for an input of spec {@code in}; throws {@link dev.quiver.api.InvalidInputException}
     * naming the missing columns when {@code in} lacks what the transform needs.
     */
    TableSpec apply(TableSpec in);

    @Override
    default PortType type() {
        return PortType.TRANSFORM;
    }

    @Override
    default String describe() {
        return name();
    }

    static TransformSpec of(String name, TableSpec input, UnaryOperator<TableSpec> mapping) {
        record Simple(String name, TableSpec input, UnaryOperator<TableSpec> mapping) implements TransformSpec {
            @Override
            public TableSpec apply(TableSpec in) {
                return mapping.apply(in);
            }
        }
        return new Simple(name, input, mapping);
    }
}
