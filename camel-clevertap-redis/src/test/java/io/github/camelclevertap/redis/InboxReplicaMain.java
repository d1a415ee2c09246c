package io.github.camelclevertap.redis;

import java.util.concurrent.TimeUnit;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.main.Main;

/**
 * One replica of {@link ReplicasShareOneInboxTest}: Camel Main running `replicas/inbox-replica.yaml` as a user would,
 * with Redis permits and camel-file's FileLockClusterService configured, until it is killed. The passcode and the
 * webhook secret come from the environment (CLEVERTAP_PASSCODE, CLEVERTAP_WEBHOOK_SECRET).
 *
 * <p>Arguments: emulator base URI, Redis address, account id, inbox, cluster root, HTTP port.
 */
public final class InboxReplicaMain {

    private InboxReplicaMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:replicas/inbox-replica.yaml");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", args[5]);
        main.addInitialProperty("clevertap.base-uri", args[0]);
        main.addInitialProperty("clevertap.account-id", args[2]);
        main.addInitialProperty("inbox", args[3]);
        main.addInitialProperty("camel.component.clevertap.requestTimeout", "2000");
        main.addInitialProperty("camel.beans.clevertapPermits", "#class:" + RedisUploadPermits.class.getName());
        main.addInitialProperty("camel.beans.clevertapPermits.address", args[1]);
        main.addInitialProperty("camel.beans.clevertapPermits.leaseTime", "3000");
        main.addInitialProperty("camel.beans.clevertapPermits.waitTime", "500");
        // a leader's heartbeat every 300 ms, stale after 5 of them
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(args[4]);
        cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(300, TimeUnit.MILLISECONDS);
        main.bind("cluster", cluster);
        main.run(new String[0]);
    }
}
