package io.github.camelclevertap.routetemplates.review;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A route step that takes long (a slow mapping, a DNS lookup, a synchronous call): it waits for the test. */
public class BlockingStep implements Processor {

    static volatile CountDownLatch release = new CountDownLatch(1);
    static final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void process(Exchange exchange) throws Exception {
        threads.add(Thread.currentThread().getName());
        release.await(20, TimeUnit.SECONDS);
    }
}
