package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.main.Main;

/**
 * A Camel Main application for {@link ForkedJvm}: runs the YAML routes of a classpath resource with the properties of
 * a file until it is stopped or killed. Arguments: the routes resource, the properties file. The properties travel in
 * a file rather than on the command line, where any user of the machine could read a passcode.
 */
public final class CamelMainProcess {

    private CamelMainProcess() {
    }

    /**
     * Starts a JVM running {@code routes} with {@code properties}, written first to {@code propertiesFile} (put it in a
     * directory only this user can read, such as a {@code @TempDir}); the JVM's output goes to {@code log}.
     */
    static ForkedJvm fork(String routes, Map<String, String> properties, Path propertiesFile, Path log)
            throws IOException {
        return fork(routes, properties, propertiesFile, log, Map.of(), "log4j2-forked.properties");
    }

    /**
     * Starts a JVM as {@link #fork(String, Map, Path, Path)} does, with more environment variables (where the
     * secrets go) and the Log4j configuration of the classpath resource {@code logging}.
     */
    static ForkedJvm fork(String routes, Map<String, String> properties, Path propertiesFile, Path log,
                          Map<String, String> environment, String logging) throws IOException {
        Properties file = new Properties();
        file.putAll(properties);
        try (Writer out = Files.newBufferedWriter(propertiesFile)) {
            file.store(out, null);
        }
        return ForkedJvm.start(CamelMainProcess.class, List.of(routes, propertiesFile.toString()), log, environment,
                logging);
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + args[0]);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            properties.load(in);
        }
        properties.stringPropertyNames().forEach(name -> main.addInitialProperty(name, properties.getProperty(name)));
        main.run();
    }
}
