package dev.quiver.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Felix's own log messages (configured as {@code felix.log.logger}) passed to SLF4J, so they go
 * to stderr at the level the user chose instead of to stdout, where they would mix with command
 * output.
 */
final class FelixLogBridge extends org.apache.felix.framework.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    /** The Felix log level that lets through exactly what SLF4J would print. */
    static int felixLevel() {
        if (LOG.isDebugEnabled()) {
            return LOG_DEBUG;
        }
        if (LOG.isInfoEnabled()) {
            return LOG_INFO;
        }
        return LOG.isWarnEnabled() ? LOG_WARNING : LOG_ERROR;
    }

    @Override
    protected void doLog(int level, String message, Throwable error) {
        switch (level) {
            case LOG_ERROR -> LOG.error(message, error);
            case LOG_WARNING -> LOG.warn(message, error);
            case LOG_INFO -> LOG.info(message, error);
            default -> LOG.debug(message, error);
        }
    }
}
