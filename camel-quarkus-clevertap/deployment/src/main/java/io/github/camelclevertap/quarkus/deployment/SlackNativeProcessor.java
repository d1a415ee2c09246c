package io.github.camelclevertap.quarkus.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.pkg.steps.NativeOrNativeSourcesBuild;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

/**
 * What camel-slack and Slack's Java SDK need in a native image, for apps that have camel-slack (the CleverTap Slack
 * source's component) on their class path. JVM mode needs none of it, and without camel-slack nothing is done.
 * <p>
 * Upstream ships this: Camel Quarkus 3.31.0 has a Slack extension ({@code org.apache.camel.quarkus:camel-quarkus-slack},
 * apache/camel-quarkus {@code extensions/slack}: a {@code SlackProcessor} and its substitutions). Only this build
 * machine's package mirror lacks that artifact. Once it resolves, depend on {@code camel-quarkus-slack} instead and
 * delete this class (and its mention in the extension's README).
 */
class SlackNativeProcessor {

    private static final String SLACK = "com.slack.api.Slack";
    private static final String SLACK_PACKAGE = "com.slack.api.";
    private static final String MESSAGE = "com.slack.api.model.Message";

    /**
     * The SDK's default configurations, each of whose static initialiser starts a metrics thread (through a
     * MemoryMetricsDatastore), and the holder of its default client: started at run time, not baked into the image.
     */
    private static final List<String> STARTS_THREADS_WHEN_INITIALISED = List.of(
            SLACK,
            "com.slack.api.SlackConfig",
            "com.slack.api.methods.MethodsConfig",
            "com.slack.api.audit.AuditConfig",
            "com.slack.api.scim.SCIMConfig",
            "com.slack.api.scim2.SCIM2Config");

    /**
     * The answers of the Web API methods camel-slack calls, which the SDK reads with Gson: conversations.list and
     * conversations.history (consumer), chat.postMessage (producer), and auth.test, which the SDK calls on its own.
     */
    private static final List<String> RESPONSES = List.of(
            "com.slack.api.methods.response.conversations.ConversationsListResponse",
            "com.slack.api.methods.response.conversations.ConversationsHistoryResponse",
            "com.slack.api.methods.response.chat.ChatPostMessageResponse",
            "com.slack.api.methods.response.auth.AuthTestResponse");

    /** True when the app has Slack's SDK (through camel-slack). */
    static final class SlackPresent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return QuarkusClassLoader.isClassPresentAtRuntime(SLACK);
        }
    }

    @BuildStep(onlyIf = { SlackPresent.class, NativeOrNativeSourcesBuild.class })
    void indexSlackSdk(BuildProducer<IndexDependencyBuildItem> indexed) {
        indexed.produce(new IndexDependencyBuildItem("com.slack.api", "slack-api-client"));
        indexed.produce(new IndexDependencyBuildItem("com.slack.api", "slack-api-model"));
    }

    @BuildStep(onlyIf = { SlackPresent.class, NativeOrNativeSourcesBuild.class })
    void initialiseAtRunTime(BuildProducer<RuntimeInitializedClassBuildItem> runtimeInitialized) {
        STARTS_THREADS_WHEN_INITIALISED.forEach(name -> runtimeInitialized.produce(
                new RuntimeInitializedClassBuildItem(name)));
    }

    /**
     * Gson fills the answers and their model classes by reflection: their fields and no-argument constructors, from
     * the answers down every field, and, where a field has an interface or abstract type (a block, a block element),
     * every implementation the SDK's type adapters may pick.
     */
    @BuildStep(onlyIf = { SlackPresent.class, NativeOrNativeSourcesBuild.class })
    ReflectiveClassBuildItem registerGsonModel(CombinedIndexBuildItem combinedIndex) {
        Set<String> model = reachableModel(combinedIndex.getIndex(), RESPONSES);
        return ReflectiveClassBuildItem.builder(model.toArray(String[]::new)).constructors().fields()
                .reason(getClass().getName()).build();
    }

    /**
     * The Slack source's idempotent key, {@code ${body.ts}}: the bean language finds Message's getter by reflection.
     */
    @BuildStep(onlyIf = { SlackPresent.class, NativeOrNativeSourcesBuild.class })
    ReflectiveClassBuildItem registerMessageGetters() {
        return ReflectiveClassBuildItem.builder(MESSAGE).methods().reason(getClass().getName()).build();
    }

    static Set<String> reachableModel(IndexView index, List<String> roots) {
        Set<String> reached = new TreeSet<>();
        Deque<DotName> pending = new ArrayDeque<>();
        roots.forEach(root -> pending.add(DotName.createSimple(root)));
        while (!pending.isEmpty()) {
            DotName name = pending.poll();
            ClassInfo type = name.toString().startsWith(SLACK_PACKAGE) ? index.getClassByName(name) : null;
            if (type == null || !reached.add(name.toString())) {
                continue;
            }
            if (type.superName() != null) {
                pending.add(type.superName());
            }
            if (type.isInterface()) {
                index.getAllKnownImplementations(name).forEach(implementation -> pending.add(implementation.name()));
            } else if (Modifier.isAbstract(type.flags())) {
                index.getAllKnownSubclasses(name).forEach(subclass -> pending.add(subclass.name()));
            }
            for (FieldInfo field : type.fields()) {
                if (!Modifier.isStatic(field.flags())) {
                    addNamedTypes(field.type(), pending);
                }
            }
        }
        return reached;
    }

    /** The classes a field's type names: itself, its type arguments, an array's element type. */
    private static void addNamedTypes(Type type, Deque<DotName> pending) {
        switch (type.kind()) {
            case CLASS -> pending.add(type.name());
            case PARAMETERIZED_TYPE -> {
                pending.add(type.name());
                type.asParameterizedType().arguments().forEach(argument -> addNamedTypes(argument, pending));
            }
            case ARRAY -> addNamedTypes(type.asArrayType().elementType(), pending);
            case WILDCARD_TYPE -> addNamedTypes(type.asWildcardType().extendsBound(), pending);
            default -> {
                // primitives, type variables: nothing of Slack's
            }
        }
    }
}
