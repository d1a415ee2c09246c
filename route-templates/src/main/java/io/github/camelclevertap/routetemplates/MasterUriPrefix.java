package io.github.camelclevertap.routetemplates;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.spi.PropertiesFunction;

/**
 * The placeholder function {@code {{clevertap-master:NAMESPACE}}}: {@code master:NAMESPACE:} for a namespace, nothing
 * for none. A source Kamelet writes its consumer as {@code {{clevertap-master:{{clusterNamespace:}}}}file:...}, so one
 * template serves both deployments: without a cluster namespace the consumer runs as it always did, with one it runs
 * behind Camel's `master:` component, on the one replica the registered `CamelClusterService` elects. (A Kamelet's
 * `from` cannot be made conditional otherwise; Camel finds this function by its name, from
 * `META-INF/services/org/apache/camel/properties-function/clevertap-master`.)
 */
public class MasterUriPrefix implements PropertiesFunction, CamelContextAware {

    public static final String NAME = "clevertap-master";

    private CamelContext camelContext;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String apply(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return "";
        }
        String name = namespace.trim();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("clusterNamespace must be letters, digits, '.', '_' and '-', not '"
                                               + name + "'");
        }
        if (camelContext != null && !hasClusterService(camelContext)) {
            // else Camel's master: fails with "No cluster service found", naming neither the field nor the remedy
            throw new IllegalArgumentException("clusterNamespace '" + name + "' needs a CamelClusterService to elect"
                                               + " the leader, and none is registered: register one (for example"
                                               + " camel-file's FileLockClusterService, or camel-kubernetes'"
                                               + " KubernetesClusterService) as a bean or a service of the"
                                               + " CamelContext, or leave clusterNamespace out to run on every"
                                               + " replica");
        }
        return "master:" + name + ":";
    }

    /** A cluster service is where Camel's master: component looks for one: the context's services or the registry. */
    private static boolean hasClusterService(CamelContext context) {
        return !context.hasServices(CamelClusterService.class).isEmpty()
               || !context.getRegistry().findByType(CamelClusterService.class).isEmpty();
    }
}
