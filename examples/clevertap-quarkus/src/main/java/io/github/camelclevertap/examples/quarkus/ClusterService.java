package io.github.camelclevertap.examples.quarkus;

import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.quarkus.main.events.BeforeConfigure;

/**
 * With {@code clevertap.cluster.root} set (a directory every replica shares), adds camel-file's
 * FileLockClusterService to Camel, which elects the replica that runs a clustered source
 * ({@code flows.file.cluster-namespace}). On Kubernetes, register camel-kubernetes' KubernetesClusterService instead.
 */
@ApplicationScoped
public class ClusterService {

    private final CleverTapSettings.Cluster settings;

    ClusterService(CleverTapSettings settings) {
        this.settings = settings.cluster();
    }

    void onConfigure(@Observes BeforeConfigure event) throws Exception {
        if (settings.root().isEmpty()) {
            return;
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(settings.root().get().toString());
        service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(settings.acquireLockInterval(), TimeUnit.MILLISECONDS);
        event.getCamelContext().addService(service);
        Log.infof("Cluster: the file lock in %s elects the replica that runs each clustered source",
                settings.root().get());
    }
}
