package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server of the webhook benchmark in a process of its own, with its defaults: Camel Main
 * ({@link WebhookHttpServer}) with one of its routes, or the packaged example app on Quarkus. Ready once its health
 * endpoint answers 200.
 */
final class WebhookServerProcess implements AutoCloseable {

    static final String SECRET = "bench-webhook-secret";
    static final String PATH = "/webhooks/signup";

    private final Process process;
    private final int port;
    private final String healthPath;

    private WebhookServerProcess(ProcessBuilder builder, int port, String healthPath) throws IOException,
            InterruptedException {
        this.port = port;
        this.healthPath = healthPath;
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CLEVERTAP_PASSCODE", BenchmarkRunner.PASSCODE);
        builder.environment().put("WEBHOOK_SECRET", SECRET);
        process = builder.start();
        awaitHealthy();
    }

    /** {@code main-async}, {@code main-blocking} or {@code main-peer}: Camel Main with that route. */
    static WebhookServerProcess camelMain(String kind, URI emulator, String account, int batchTimeout,
                                          List<String> jvmOptions) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WebhookHttpServer.class.getName(), kind,
                String.valueOf(port), emulator.toString(), account, BenchmarkRunner.PASSCODE,
                String.valueOf(batchTimeout), SECRET));
        return new WebhookServerProcess(new ProcessBuilder(command), port, "/observe/health");
    }

    /**
     * The packaged example app ({@code quarkus-run.jar}, or its native executable) with only its webhook flow,
     * uploading to the emulator.
     */
    static WebhookServerProcess quarkus(Path app, URI emulator, String account, int batchTimeout,
                                        List<String> jvmOptions) throws IOException, InterruptedException {
        int port = freePort();
        // quarkus-run.jar runs on this JVM; a native executable (the -runner file) runs as it is
        boolean jar = app.toString().endsWith(".jar");
        List<String> command = new ArrayList<>();
        command.add(jar ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : app.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dflows.file.enabled=false", "-Dflows.sql.enabled=false", "-Dflows.slack.enabled=false",
                "-Dflows.webhook.batch-timeout=" + batchTimeout,
                "-Dclevertap.account-id=" + account, "-Dclevertap.region=eu1",
                "-Dclevertap.base-uri=" + emulator));
        if (jar) {
            command.addAll(List.of("-jar", app.toString()));
        }
        return new WebhookServerProcess(new ProcessBuilder(command), port, "/q/health/live");
    }

    long pid() {
        return process.pid();
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + port + PATH;
    }

    URI healthUri() {
        return URI.create("http://127.0.0.1:" + port + healthPath);
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("The server exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(healthUri())
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("The server was not healthy within 90 s at " + healthUri());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
