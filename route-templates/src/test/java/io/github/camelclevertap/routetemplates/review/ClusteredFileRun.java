package io.github.camelclevertap.routetemplates.review;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.main.Main;

/** One replica of the clustered file source (routes/review13-file-cluster.yaml) in Camel Main, with its cluster service. */
final class ClusteredFileRun implements AutoCloseable {

    private final Main main;

    private ClusteredFileRun(Main main) {
        this.main = main;
    }

    static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("review.resumeWindow", "10");
        p.put("review.batchSize", "2");
        p.put("review.namespace", "review13-inbox");
        p.put("camel.component.clevertap.requestTimeout", "3000");
        return p;
    }

    static ClusteredFileRun start(Path inbox, CleverTapEmulator emulator, CamelClusterService cluster,
                                  Map<String, String> properties) {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/review13-file-cluster.yaml");
        main.addInitialProperty("camel.main.shutdown-timeout", "10");
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setPasscode(FileSourceRun.PASSCODE);
        main.bind("clevertap", clevertap);
        main.bind("cluster", cluster);
        main.addInitialProperty("inbox", inbox.toString());
        main.addInitialProperty("clevertap.account-id", FileSourceRun.ACCOUNT);
        main.addInitialProperty("clevertap.passcode", FileSourceRun.PASSCODE);
        main.addInitialProperty("clevertap.base-uri", emulator.baseUri().toString());
        properties.forEach(main::addInitialProperty);
        main.start();
        return new ClusteredFileRun(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
