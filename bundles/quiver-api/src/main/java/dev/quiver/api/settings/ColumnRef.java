package dev.quiver.api.settings;

import dev.quiver.api.table.ColumnType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} (one column) or {@code List<String>} (several) setting as naming columns
 * of the table on input port {@code port}; the dialog shows a column picker fed by the upstream
 * spec, offering only columns of the given types (all when empty).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface ColumnRef {
    int port() default 0;

    ColumnType[] types() default {};

    /** Whether leaving it empty is allowed (meaning "none" or "all", as the description says). */
    boolean optional() default false;
}
