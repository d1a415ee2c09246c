package io.github.camelclevertap.examples.quarkus;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The flows the routes wire, each switched on or off with {@code flows.<name>.enabled}.
 */
@ConfigMapping(prefix = "flows")
public interface FlowSettings {

    Webhook webhook();

    File file();

    Slack slack();

    Sql sql();

    Kafka kafka();

    interface Webhook {
        boolean enabled();

        /** The HTTP path, without the leading slash. */
        String path();

        /** The secret used unless WEBHOOK_SECRET is set, on the emulator only; printed at start-up. */
        String devSecret();

        /** Milliseconds a call waits for others to share its upload request. */
        int batchTimeout();

        /** The most calls waiting at once for CleverTap; one more is answered 503 with Retry-After. */
        int maxWaitingCalls();
    }

    interface File {
        boolean enabled();

        Path directory();

        /** The CSV column (or JSON key) giving a row's identity. */
        String identityColumn();

        /** Whether the sample files are copied into the directory at start-up, while the emulator is in use. */
        boolean samples();

        /**
         * Set when several replicas share the directory: the file source then runs on the leader of this namespace
         * only, elected by the cluster service ({@code clevertap.cluster.root}).
         */
        Optional<String> clusterNamespace();
    }

    interface Slack {
        boolean enabled();

        /** A bot token; without one the flow stays off. */
        Optional<String> token();

        /** The channel's name, without the leading #. */
        String channel();

        /** The CleverTap event name of every message. */
        String eventName();

        /** Slack's Web API, or a stand-in. */
        String serverUrl();
    }

    interface Sql {
        boolean enabled();

        /** Milliseconds between two polls of each sync once it has caught up. */
        int delay();

        /** Whether the sample shop is created in the database at start-up, while the emulator is in use. */
        boolean samples();
    }

    interface Kafka {
        boolean enabled();

        /** The Kafka brokers; without them the flow stays off. */
        Optional<String> bootstrapServers();

        /** The topic whose values (CleverTap records as JSON) are uploaded. */
        String topic();

        /** The consumer group every replica of the app shares. */
        String groupId();

        /** The topic that gets the records CleverTap rejected. */
        String deadLetterTopic();
    }
}
