package dev.rekey.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.OutputStream;
import java.util.Locale;

/**
 * The one logging setup, in code rather than a logback.xml so that the YAML and the command line can choose the
 * format: every line goes to stderr (stdout carries only the start banner), Rekey's own loggers at INFO and every
 * library at WARN, java.util.logging (the JDK-only core, okhttp) bridged into the same stream.
 */
public final class Logging {
    /** Rekey's loggers: its packages, and the access log. */
    static final String REKEY = "dev.rekey";
    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

    private Logging() {
    }

    /** Writes to stderr in {@code format}; called once the configuration says which. */
    public static void configure(LogFormat format) {
        install(context(), format, stderr());
    }

    /** Writes to {@code out} in {@code format}: for tests that read every line written. */
    static void configure(LogFormat format, OutputStream out) {
        var appender = new OutputStreamAppender<ILoggingEvent>();
        appender.setOutputStream(out);
        install(context(), format, appender);
    }

    /** The encoder of a format, for a test that writes the same events in a second format beside the first. */
    static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        Encoder<ILoggingEvent> encoder = switch (format) {
            case TEXT -> {
                var pattern = new PatternLayoutEncoder();
                pattern.setPattern(TEXT_PATTERN);
                yield pattern;
            }
            case JSON -> new LogstashEncoder();
        };
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    static ConsoleAppender<ILoggingEvent> stderr() {
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setTarget("System.err");
        return appender;
    }

    static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /** Replaces whatever {@code context} had: levels, appenders, the JUL bridge. */
    static void install(LoggerContext context, LogFormat format, OutputStreamAppender<ILoggingEvent> appender) {
        context.reset();
        // JUL checks its own levels before it builds a record: mirror Logback's levels there, so that a core FINE
        // call costs no more than a disabled SLF4J one.
        var propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);
        appender.setContext(context);
        appender.setName(format.name().toLowerCase(Locale.ROOT));
        appender.setEncoder(encoder(context, format));
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger(REKEY).setLevel(Level.INFO);
        bridgeJul();
    }

    private static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
