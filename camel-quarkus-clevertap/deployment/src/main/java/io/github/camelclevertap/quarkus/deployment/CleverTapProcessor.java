package io.github.camelclevertap.quarkus.deployment;

import java.util.List;
import java.util.Set;

import io.github.camelclevertap.component.UploadListenerFactory;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.RemovedResourceBuildItem;
import io.quarkus.deployment.pkg.steps.NativeOrNativeSourcesBuild;
import io.quarkus.maven.dependency.ArtifactKey;

class CleverTapProcessor {

    private static final String FEATURE = "camel-clevertap";

    /** camel-kamelet's processor that picks an Avro, Protobuf or JSON schema resolver by MIME type. */
    private static final String SCHEMA_RESOLVER = "org/apache/camel/component/kamelet/utils/format/schema/"
                                                  + "DelegatingSchemaResolver.class";
    /** The classes it refers to, from camel-kamelet's optional dependencies. */
    private static final List<String> SCHEMA_RESOLVER_DEPENDENCIES = List.of(
            "org.apache.camel.component.jackson.avro.transform.AvroSchemaResolver",
            "org.apache.camel.component.jackson.protobuf.transform.ProtobufSchemaResolver",
            "org.apache.camel.component.jackson.transform.JsonSchemaResolver");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    ExtensionSslNativeSupportBuildItem activateSslNativeSupport() {
        // CleverTap's regional hosts are HTTPS only
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    @BuildStep
    UnremovableBeanBuildItem keepUploadListenerFactories() {
        // producers look them up in the registry by type when they start, so no injection point keeps them
        return UnremovableBeanBuildItem.beanTypes(UploadListenerFactory.class);
    }

    /**
     * The source Kamelets write their consumer as {@code {{clevertap-master:{{clusterNamespace:}}}}file:...}: Camel
     * Quarkus finds that placeholder function's service file in the application archives only, so the Kamelets' jar
     * is indexed as one.
     */
    @BuildStep
    IndexDependencyBuildItem indexRouteTemplates() {
        return new IndexDependencyBuildItem("io.github.camelclevertap", "camel-clevertap-route-templates");
    }

    /**
     * The Kamelets' file consumer makes camel-kamelet's data-type transformers reachable in a native image, and with
     * them DelegatingSchemaResolver, whose Avro, Protobuf and JSON resolvers come from optional dependencies that an
     * app rarely has: the image builder then stops on the missing classes. No CleverTap Kamelet uses it, so unless
     * every resolver is there it is left out of the native image (JVM mode is unchanged).
     */
    @BuildStep(onlyIf = NativeOrNativeSourcesBuild.class)
    void leaveOutUnresolvableSchemaResolver(BuildProducer<RemovedResourceBuildItem> removed) {
        if (!SCHEMA_RESOLVER_DEPENDENCIES.stream().allMatch(QuarkusClassLoader::isClassPresentAtRuntime)) {
            removed.produce(new RemovedResourceBuildItem(ArtifactKey.fromString("org.apache.camel:camel-kamelet"),
                    Set.of(SCHEMA_RESOLVER)));
        }
    }
}
