package io.github.camelclevertap.routetemplates;

import org.apache.camel.spi.PropertiesFunction;

/**
 * The placeholder function {@code {{clevertap-master:NAMESPACE}}}: {@code master:NAMESPACE:} for a namespace, nothing
 * for none. A source Kamelet writes its consumer as {@code {{clevertap-master:{{clusterNamespace:}}}}file:...}, so one
 * template serves both deployments: without a cluster namespace the consumer runs as it always did, with one it runs
 * behind Camel's `master:` component, on the one replica the registered `CamelClusterService` elects. (A Kamelet's
 * `from` cannot be made conditional otherwise; Camel finds this function by its name, from
 * `META-INF/services/org/apache/camel/properties-function/clevertap-master`.)
 */
public class MasterUriPrefix implements PropertiesFunction {

    public static final String NAME = "clevertap-master";

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
        return "master:" + name + ":";
    }
}
