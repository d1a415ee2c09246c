package io.github.camelclevertap.component.upload;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the continuations of exchanges on a Camel thread pool without ever losing one: the tasks wait in a queue of
 * their own and the pool only runs them, so a pool shut down with tasks still queued (Camel forcing a stop) drops
 * nothing: {@link #drain()} runs what is left on the caller's thread.
 */
public final class Continuations implements Executor {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Executor pool;

    public Continuations(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        try {
            pool.execute(this::runOne);
        } catch (RejectedExecutionException stopped) {
            drain();
        }
    }

    private void runOne() {
        Runnable task = tasks.poll();
        if (task != null) {
            task.run();
        }
    }

    /** Runs every task still waiting, here. */
    public void drain() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }
}
