package bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging at the function's level in a JVM that has not started Quarkus: the Quarkus application sets JBoss
 * LogManager's root level to INFO (Quarkus's default {@code quarkus.log.level}), while a JVM that only calls
 * {@code Portico.handle} leaves it unconfigured, and then every library's debug call (JsonPath logs each path it
 * evaluates) builds a log record that the function would never build. Found by reflection: the benchmarks compile
 * without the logging library, which the measured function.zip brings.
 */
final class FunctionLogging {
    private FunctionLogging() {}

    static void asInTheFunction() {
        try {
            Object context = Class.forName("org.jboss.logmanager.LogContext").getMethod("getLogContext").invoke(null);
            Logger root = (Logger) context.getClass().getMethod("getLogger", String.class).invoke(context, "");
            root.setLevel(Level.INFO);
        } catch (ReflectiveOperationException | ClassCastException e) {
            System.out.println("[bench] JBoss LogManager not found; logging left as it is: " + e);
        }
    }
}
