package io.github.camelclevertap.benchmarks;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.upload.UploadPermits;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A fresh Camel context with the case's routes and an asynchronous producer on the route's {@code direct:} entry.
 * Started before the clock starts, stopped after it stops.
 */
abstract class CamelRun implements BenchmarkCase.Run {

    protected final CamelContext context;
    protected final AsyncProducer producer;

    CamelRun(String entryUri, RouteBuilder routes) throws Exception {
        this(entryUri, routes, null);
    }

    /** With the clevertap component's uploadPermits, or null for the JVM's limit alone. */
    CamelRun(String entryUri, RouteBuilder routes, UploadPermits uploadPermits) throws Exception {
        context = new DefaultCamelContext();
        if (uploadPermits != null) {
            context.getComponent("clevertap", CleverTapComponent.class).setUploadPermits(uploadPermits);
        }
        context.getShutdownStrategy().setTimeout(30);
        context.addRoutes(routes);
        context.start();
        producer = context.getEndpoint(entryUri).createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    public void close() throws Exception {
        ServiceHelper.stopService(producer);
        context.close();
    }
}
