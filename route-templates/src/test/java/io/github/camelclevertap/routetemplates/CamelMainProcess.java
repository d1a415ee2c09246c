package io.github.camelclevertap.routetemplates;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
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
