package io.github.camelclevertap.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;

/**
 * Measures this JVM during one run: its CPU time, the heap it allocated, the peak of its used heap (sampled every few milliseconds, and
 * taken just before each collection, when it is highest) and the most heap still in use after a collection (what the
 * run kept alive).
 */
final class ResourceMeter implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener onGc = this::gcHappened;
    private final Thread sampler;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long cpuAtStart;
    private final long allocatedAtStart;
    private volatile boolean running = true;

    ResourceMeter() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onGc, null, null);
                emitters.add(emitter);
            }
        }
        peakUsed.set(memory.getHeapMemoryUsage().getUsed());
        sampler = new Thread(this::sample, "benchmark-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        allocatedAtStart = threads.getTotalThreadAllocatedBytes();
        cpuAtStart = os.getProcessCpuTime();
    }

    private void sample() {
        while (running) {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void gcHappened(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        peakUsed.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakLive.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heapTotal(Map<String, MemoryUsage> byPool) {
        long total = 0;
        for (Map.Entry<String, MemoryUsage> pool : byPool.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                total += pool.getValue().getUsed();
            }
        }
        return total;
    }

    /** Stops measuring; call once, when the run has ended. */
    Usage stop() {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long allocated = threads.getTotalThreadAllocatedBytes() - allocatedAtStart;
        close();
        return new Usage(cpu, allocated, peakUsed.get(), peakLive.get());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(onGc);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
        emitters.clear();
    }

    /**
     * @param cpuNanos       CPU time of every thread of this JVM during the run
     * @param allocatedBytes heap allocated by all threads during the run: unlike time, not disturbed by a busy machine
     * @param peakHeapBytes the most heap in use at once, garbage included
     * @param peakLiveBytes the most heap in use right after a collection; 0 when none ran
     */
    record Usage(long cpuNanos, long allocatedBytes, long peakHeapBytes, long peakLiveBytes) {
    }
}
