package dev.rekey.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration (found through META-INF/services): the text format of {@link Logging}, so that
 * whatever logs before the configuration is read, and every test that starts Rekey, is as quiet as a served Rekey.
 * Without it Logback would print everything, Jetty's DEBUG lines included, to stdout.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // the context given, not LoggerFactory's: SLF4J is still being initialised while this runs
        Logging.install(context, LogFormat.TEXT, Logging.stderr());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
