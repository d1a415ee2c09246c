package io.github.camelclevertap.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as a process until it is killed:
 * {@code java -jar clevertap-emulator-<version>-standalone.jar --port 8899 --account ACC-1:pass-1}.
 */
public final class EmulatorMain {

    static final int DEFAULT_PORT = 8899;

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CleverTapEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("clevertap-emulator: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (builder == null) {
            usage(System.out);
            return;
        }
        CleverTapEmulator emulator = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "clevertap-emulator-shutdown"));
        // Account ids only: passcodes never reach the console or its logs.
        System.out.println("CleverTap emulator listening on " + emulator.baseUri() + " (accounts: "
                + String.join(", ", emulator.accountIds()) + ")");
        System.out.flush();
        new CountDownLatch(1).await(); // the server threads are daemons: keep the JVM up until it is killed
    }

    /** The builder the arguments describe, or null when help was asked for. */
    static CleverTapEmulator.Builder parse(String[] args) {
        CleverTapEmulator.Builder builder = CleverTapEmulator.builder().port(DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(parseInt(option, value));
                case "--account" -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0 || colon == value.length() - 1) {
                        throw new IllegalArgumentException("--account takes ID:PASSCODE");
                    }
                    builder.account(value.substring(0, colon), value.substring(colon + 1));
                }
                case "--latency-ms" -> builder.latency(Duration.ofMillis(parseInt(option, value)));
                case "--max-concurrent" -> builder.maxConcurrentRequests(parseInt(option, value));
                case "--max-records" -> builder.maxRecordsPerRequest(parseInt(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return builder;
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got '" + value + "'");
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar clevertap-emulator-standalone.jar [options]");
        out.println("  --host HOST            address to bind (default 127.0.0.1)");
        out.println("  --port PORT            port to bind (default " + DEFAULT_PORT + ", 0 for any free port)");
        out.println("  --account ID:PASSCODE  accepted account, repeatable (default "
                + CleverTapEmulator.DEFAULT_ACCOUNT_ID + ":" + CleverTapEmulator.DEFAULT_PASSCODE + ")");
        out.println("  --latency-ms N         server time added to each upload (default 0)");
        out.println("  --max-concurrent N     concurrent uploads per account before 429 (default "
                + CleverTapEmulator.DEFAULT_MAX_CONCURRENT_REQUESTS + ")");
        out.println("  --max-records N        records per upload before 400 (default "
                + CleverTapEmulator.DEFAULT_MAX_RECORDS_PER_REQUEST + ")");
    }
}
