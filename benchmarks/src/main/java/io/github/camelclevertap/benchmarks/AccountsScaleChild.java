package io.github.camelclevertap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One JVM that uploads for many accounts, for {@link AccountsScaleMain}: either an endpoint per account
 * ({@code toD} with the account in the URI) or one endpoint with the account in the header
 * {@code CamelCleverTapAccountId} ({@code header}). On {@code run} it sends rounds of 100 records per account, then
 * answers one line: time per round, threads (all, and the component's: its pools and HTTP client selectors) and
 * resident memory after sending and again after idling.
 *
 * <p>Arguments: mode (toD or header), accounts, rounds, idle seconds, emulator base URI, passcode. With the
 * environment variable {@code ACCOUNTS_SCALE_THREADS} set, it also prints its threads by name to standard error.
 */
public final class AccountsScaleChild {

    static final int RECORDS_PER_ACCOUNT = 100;

    private AccountsScaleChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int accounts = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int idleSeconds = Integer.parseInt(args[3]);
        String baseUri = args[4];
        String passcode = args[5];
        try (CamelContext context = new DefaultCamelContext()) {
            String common = "region=eu1&passcode=" + passcode + "&baseUri=" + baseUri + "&batchTimeout=200";
            if (mode.equals("header")) {
                bindCredentials(context, passcode);
            }
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    if (mode.equals("header")) {
                        from("direct:upload").to("clevertap:event?accountId=" + AccountsScaleMain.account(0) + "&"
                                                 + common);
                    } else {
                        from("direct:upload").toD("clevertap:event?accountId=${header.account}&" + common);
                    }
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"run".equals(in.readLine())) {
                return;
            }
            long totalNanos = 0;
            long failed = 0;
            for (int r = 0; r < rounds; r++) {
                long started = System.nanoTime();
                List<CompletableFuture<Exchange>> sent = new ArrayList<>(accounts);
                for (int a = 0; a < accounts; a++) {
                    String account = AccountsScaleMain.account(a);
                    // made as the exchange is sent, as records arriving at an application would be
                    long from = (long) a * RECORDS_PER_ACCOUNT;
                    List<Map<String, Object>> body = LongStream.range(from, from + RECORDS_PER_ACCOUNT)
                            .mapToObj(Records::event).toList();
                    sent.add(template.asyncSend("direct:upload", exchange -> {
                        exchange.getMessage().setHeader(mode.equals("header") ? "CamelCleverTapAccountId" : "account",
                                account);
                        exchange.getMessage().setBody(body);
                    }));
                }
                for (CompletableFuture<Exchange> future : sent) {
                    Exception failure = future.get(10, TimeUnit.MINUTES).getException();
                    if (failure != null && failed++ == 0) {
                        System.err.println("First failed exchange: " + failure);
                    }
                }
                totalNanos += System.nanoTime() - started;
            }
            String active = measure();
            TimeUnit.SECONDS.sleep(idleSeconds); // the point of this pause: what stays when the accounts go idle
            String idle = measure();
            System.out.println("RESULT " + TimeUnit.NANOSECONDS.toMillis(totalNanos / rounds) + " " + failed + " "
                               + active + " " + idle);
            System.out.flush();
        }
    }

    /** A credentials bean handing every account the benchmark's one passcode. */
    private static void bindCredentials(CamelContext context, String passcode) throws ReflectiveOperationException {
        Class<?> spi = Class.forName("io.github.camelclevertap.component.credentials.CleverTapCredentials");
        Object credentials = java.lang.reflect.Proxy.newProxyInstance(spi.getClassLoader(), new Class<?>[] { spi },
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "passcode" -> passcode;
                    case "describe" -> "the benchmark";
                    case "toString" -> "benchmark credentials";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == methodArgs[0];
                    default -> null;
                });
        context.getRegistry().bind("credentials", credentials);
    }

    /** "threads componentThreads rssMib". */
    private static String measure() throws IOException {
        System.gc();
        int all = ManagementFactory.getThreadMXBean().getThreadCount();
        long component = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("CleverTap") || t.getName().contains("SelectorManager")).count();
        if (System.getenv("ACCOUNTS_SCALE_THREADS") != null) {
            System.err.println(Thread.getAllStackTraces().keySet().stream().map(t -> t.getName().replaceAll("\\d+", "N"))
                    .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting())));
        }
        long rssKib = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1);
        return all + " " + component + " " + rssKib / 1024;
    }
}
