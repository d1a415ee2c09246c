package io.github.camelclevertap.component.promises;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket-level stand-in for {@code POST /1/upload}, for answers an HTTP server library will not give: each request
 * takes the next {@link Behaviour} from the queue (default: {@code 200 success}). It counts requests in flight at
 * the "server" (from the request read to the end of its work, which may outlast the connection) and their peak.
 */
final class RawCleverTap implements AutoCloseable {

    /** What the server does with one request, given its socket. */
    interface Behaviour {
        void handle(Socket socket, byte[] requestBody) throws Exception;
    }

    /** Resets the connection at once, and goes on working on the request for {@code workMillis}. */
    static Behaviour resetAndKeepWorking(long workMillis) {
        return (socket, body) -> {
            socket.setSoLinger(true, 0);
            socket.close();
            Thread.sleep(workMillis);
        };
    }

    /** Writes these bytes as the whole response, then closes. */
    static Behaviour raw(String response) {
        return (socket, body) -> {
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.close();
        };
    }

    private final ServerSocket server;
    private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    RawCleverTap() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-clevertap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    RawCleverTap then(Behaviour... behaviours) {
        script.addAll(java.util.List.of(behaviours));
        return this;
    }

    int peakInFlight() {
        return peak.get();
    }

    int requestCount() {
        return requests.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> serve(socket), "raw-clevertap-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (!socket.isClosed()) {
                byte[] body = readRequest(in);
                if (body == null) {
                    return;
                }
                requests.incrementAndGet();
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Behaviour behaviour = script.poll();
                    if (behaviour == null) {
                        int records = ScriptedCleverTap.JSON.readTree(body).path("d").size();
                        String json = "{\"status\":\"success\",\"processed\":" + records + ",\"unprocessed\":[]}";
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                   + json.length() + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } else {
                        behaviour.handle(socket, body);
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        } catch (Exception e) {
            // the connection ended
        }
    }

    /** The body of the next request on the connection, or null at its end. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int c;
        while (matched < 4 && (c = in.read()) != -1) {
            head.write(c);
            matched = (c == '\r' || c == '\n') && "\r\n\r\n".charAt(matched) == c ? matched + 1 : 0;
        }
        if (matched < 4) {
            return null;
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
