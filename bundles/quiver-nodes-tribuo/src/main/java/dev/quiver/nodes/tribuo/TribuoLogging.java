package dev.quiver.nodes.tribuo;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.classification.ensemble.AdaBoostTrainer;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.ensemble.BaggingTrainer;

/**
 * Tribuo logs INFO lines during training (every forest member, every SGD fit); Quiver's progress
 * reports say the same, so those loggers are raised to WARNING. Warnings still show.
 */
final class TribuoLogging {
    // java.util.logging holds loggers weakly: keep them, or the level is lost with the logger.
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger(AbstractSGDTrainer.class.getName()),
            Logger.getLogger(BaggingTrainer.class.getName()),
            Logger.getLogger(AdaBoostTrainer.class.getName()));

    static {
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
    }

    private TribuoLogging() {
    }

    /** Loads this class, which quiets the loggers once. */
    static void quiet() {
        // The static initialiser did the work.
    }
}
