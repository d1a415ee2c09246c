package io.github.camelclevertap.routetemplates.review;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad input gets a clear error naming the field and the rule: a file source given a clusterNamespace in an
 * application that registered no CamelClusterService must not start, with an error that says clusterNamespace needs
 * a cluster service (not a Camel-internal one), and must not run as if it were the leader or wait silently forever.
 */
class Promise8ClusterNamespaceWithoutAClusterServiceNamesTheFieldTest {

    @TempDir
    Path inbox;

    @Test
    void theStartFailsNamingClusterNamespace() {
        try (CleverTapEmulator emulator = FileSourceRun.emulator()) {
            Main main = new Main();
            main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/review13-file-cluster.yaml");
            main.addInitialProperty("camel.main.shutdown-timeout", "5");
            CleverTapComponent clevertap = new CleverTapComponent();
            clevertap.getConfiguration().setPasscode(FileSourceRun.PASSCODE);
            main.bind("clevertap", clevertap);
            Map<String, String> p = new LinkedHashMap<>(ClusteredFileRun.defaults());
            p.put("inbox", inbox.toString());
            p.put("clevertap.account-id", FileSourceRun.ACCOUNT);
            p.put("clevertap.passcode", FileSourceRun.PASSCODE);
            p.put("clevertap.base-uri", emulator.baseUri().toString());
            p.forEach(main::addInitialProperty);
            Throwable failure = catchThrowable(main::start);
            try {
                assertThat(failure).as("starting a clustered source without a cluster service").isNotNull();
                StringBuilder messages = new StringBuilder();
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append(" | ");
                }
                assertThat(messages.toString()).as("the error names the field").contains("clusterNamespace");
            } finally {
                main.stop();
            }
        }
    }
}
