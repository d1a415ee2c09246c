package io.github.camelclevertap.component;

import java.util.Set;

import org.apache.camel.CamelContext;

/**
 * Tells a stop by eviction from a stop for good. Camel's producer cache (the one of each {@code toD}, 1,000
 * endpoints by default) stops the producer it evicts, and the producer's endpoint too, with the same {@code stop()} as
 * a route or context stop, and offers no other sign: only the caller differs. Evictions run in {@code ServicePool}'s
 * clean-up, eviction or release methods while the context runs; a route or context stop runs its {@code stop()}.
 */
final class EvictionStop {

    private static final String SERVICE_POOL = "org.apache.camel.support.cache.ServicePool";
    private static final Set<String> EVICTING_METHODS = Set.of("cleanupEvicts", "onEvict", "release");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private EvictionStop() {
    }

    /** Whether the current thread stops a producer or endpoint because a cache evicted it, while the context runs. */
    static boolean isEviction(CamelContext context) {
        if (!context.isStarted() || context.isStopping()) {
            return false;
        }
        return WALKER.walk(frames -> frames.anyMatch(frame -> frame.getClassName().startsWith(SERVICE_POOL)
                                                               && EVICTING_METHODS.contains(frame.getMethodName())));
    }
}
