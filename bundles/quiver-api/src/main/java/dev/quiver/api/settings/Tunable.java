package dev.quiver.api.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Whether Hyperparameter Search should offer this setting. By default numeric settings with a
 * {@link Range}, enums and booleans are offered; {@code @Tunable(false)} hides one (a seed, a
 * thread count). {@code budget} marks the setting as the training budget (epochs, trees) that
 * successive halving may vary.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Tunable {
    boolean value() default true;

    boolean budget() default false;
}
