package io.github.camelclevertap.quarkus.deployment;

import io.github.camelclevertap.component.UploadListenerFactory;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;

class CleverTapProcessor {

    private static final String FEATURE = "camel-clevertap";

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
}
