package io.github.camelclevertap.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.redis.RedisUploadPermits;

/**
 * Case 2 with the permits in Redis (module camel-clevertap-redis): every request also takes and gives back a permit
 * of a Redisson semaphore, on a redis-server this case starts on a free loopback port for the invocation. Next to
 * case 2 it shows what the cluster-wide limit costs one JVM.
 */
final class ComponentBulkRedisCase extends ComponentBulkCase {

    private Process redis;
    private int port;

    @Override
    public String id() {
        return "bulk-redis";
    }

    @Override
    public String title() {
        return "2r. component, one Iterator body, Redis permits";
    }

    @Override
    public String notRunReason() {
        return redisServer() == null ? "redis-server is not on the PATH" : null;
    }

    @Override
    UploadPermits uploadPermits() throws Exception {
        if (redis == null) {
            startRedis();
        }
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setAddress("redis://127.0.0.1:" + port);
        return permits;
    }

    private void startRedis() throws IOException, InterruptedException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        redis = new ProcessBuilder(List.of(redisServer().toString(), "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!accepts()) {
            if (!redis.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(20);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path redisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        if (redis != null) {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
            redis = null;
        }
    }
}
