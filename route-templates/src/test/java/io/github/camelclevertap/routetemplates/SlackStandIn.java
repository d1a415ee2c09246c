package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Slack Web API methods camel-slack's consumer calls, on loopback: `conversations.list` (once, at
 * start, to find the channel's id by its name), `conversations.history` (each poll, newest messages first, after
 * `oldest` exclusive, at most `limit`), and `auth.test`, which Slack's Java SDK calls on its own. Answers as Slack does: HTTP 200 with `"ok": false` and an `error` for
 * a bad token or an unknown channel. Every call is recorded with its form parameters. Shared with the example app's
 * tests through this module's test jar, which holds only this class.
 */
public final class SlackStandIn implements AutoCloseable {

    public static final String CHANNEL = "general";
    static final String CHANNEL_ID = "C0761PQ4ZL2";
    private static final String TEAM = "T0761GWK8QN";
    /** 2025-11-23T12:00:00Z: message timestamps count up from here, one second apart. */
    private static final long FIRST_TS = 1_763_899_200L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Web API call: the method and its form parameters. */
    public record Call(String method, Map<String, String> params, String authorization) {
    }

    private final String token;
    private final HttpServer server;
    private final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private long nextTs = FIRST_TS;
    private final AtomicInteger rateLimited = new AtomicInteger();

    public SlackStandIn(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth.test", exchange -> answer(exchange, this::authTest));
        server.createContext("/api/conversations.list", exchange -> answer(exchange, this::conversationsList));
        server.createContext("/api/conversations.history", exchange -> answer(exchange, this::conversationsHistory));
        server.start();
    }

    /** What camel-slack's `serverUrl` must be. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** A person's message in the channel; returns its `ts`. */
    public synchronized String userMessage(String user, String text) {
        String ts = nextTs();
        Map<String, Object> message = message(ts, user, text);
        message.put("blocks", List.of(Map.of("type", "rich_text", "block_id", "b" + ts.replace(".", ""),
                "elements", List.of(Map.of("type", "rich_text_section",
                        "elements", List.of(Map.of("type", "text", "text", text)))))));
        messages.add(message);
        return ts;
    }

    /** A message of a person with a subtype, such as `thread_broadcast` or `channel_join`; returns its `ts`. */
    synchronized String subtypeMessage(String subtype, String user, String text) {
        String ts = nextTs();
        Map<String, Object> message = message(ts, user, text);
        message.put("subtype", subtype);
        messages.add(message);
        return ts;
    }

    /** A bot's message (an incoming webhook, an app): no `user`, a `bot_id`; returns its `ts`. */
    synchronized String botMessage(String text) {
        String ts = nextTs();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("subtype", "bot_message");
        message.put("text", text);
        message.put("ts", ts);
        message.put("username", "deploy-bot");
        message.put("bot_id", "B0761R7H3CF");
        messages.add(message);
        return ts;
    }

    /** Answers the next `calls` Web API calls as Slack does past its rate limit: HTTP 429 with `Retry-After`. */
    void rateLimitNext(int calls) {
        rateLimited.set(calls);
    }

    /** The epoch seconds of a `ts` this stand-in gave. */
    public static long seconds(String ts) {
        return Long.parseLong(ts.substring(0, ts.indexOf('.')));
    }

    private String nextTs() {
        return (nextTs++) + ".000100";
    }

    private static Map<String, Object> message(String ts, String user, String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("user", user);
        message.put("text", text);
        message.put("ts", ts);
        message.put("team", TEAM);
        return message;
    }

    /** Slack's Java SDK calls it once per token, to learn the team id for its metrics. */
    private Map<String, Object> authTest(Map<String, String> params) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("url", "https://acme-corp.slack.com/");
        answer.put("team", "Acme Corp");
        answer.put("user", "clevertap-bridge");
        answer.put("team_id", TEAM);
        answer.put("user_id", "U0761R7H3CG");
        answer.put("bot_id", "B0761R7H3CG");
        answer.put("is_enterprise_install", false);
        return answer;
    }

    private Map<String, Object> conversationsList(Map<String, String> params) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("id", CHANNEL_ID);
        channel.put("name", CHANNEL);
        channel.put("is_channel", true);
        channel.put("is_group", false);
        channel.put("is_im", false);
        channel.put("is_mpim", false);
        channel.put("is_private", false);
        channel.put("created", FIRST_TS - 86_400);
        channel.put("is_archived", false);
        channel.put("is_general", true);
        channel.put("name_normalized", CHANNEL);
        channel.put("is_member", true);
        channel.put("num_members", 3);
        channel.put("topic", Map.of("value", "", "creator", "", "last_set", 0));
        channel.put("purpose", Map.of("value", "Company-wide announcements", "creator", "U0761GWKPEU",
                "last_set", FIRST_TS - 86_400));
        Map<String, Object> random = new LinkedHashMap<>(channel);
        random.put("id", "C0761PQ4ZL3");
        random.put("name", "random");
        random.put("name_normalized", "random");
        random.put("is_general", false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("channels", List.of(random, channel));
        answer.put("response_metadata", Map.of("next_cursor", ""));
        return answer;
    }

    private Map<String, Object> conversationsHistory(Map<String, String> params) {
        if (!CHANNEL_ID.equals(params.get("channel"))) {
            return Map.of("ok", false, "error", "channel_not_found");
        }
        BigDecimal oldest = new BigDecimal(params.getOrDefault("oldest", "0"));
        int limit = Integer.parseInt(params.getOrDefault("limit", "100"));
        List<Map<String, Object>> newer = new ArrayList<>(messages.stream()
                .filter(m -> new BigDecimal((String) m.get("ts")).compareTo(oldest) > 0)
                .sorted(Comparator.comparing((Map<String, Object> m) -> new BigDecimal((String) m.get("ts")))
                        .reversed())
                .toList());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("messages", newer.subList(0, Math.min(limit, newer.size())));
        answer.put("has_more", newer.size() > limit);
        answer.put("pin_count", 0);
        answer.put("channel_actions_ts", null);
        answer.put("channel_actions_count", 0);
        answer.put("response_metadata", Map.of("next_cursor", ""));
        return answer;
    }

    private void answer(HttpExchange exchange, Function<Map<String, String>, Map<String, Object>> method)
            throws IOException {
        try (exchange) {
            Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String name = exchange.getRequestURI().getPath().substring("/api/".length());
            calls.add(new Call(name, params, authorization));
            int status = 200;
            Map<String, Object> answer;
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 429;
                answer = Map.of("ok", false, "error", "ratelimited");
                exchange.getResponseHeaders().set("Retry-After", "1");
            } else if (("Bearer " + token).equals(authorization)) {
                answer = method.apply(params);
            } else {
                answer = Map.of("ok", false, "error", "invalid_auth");
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
