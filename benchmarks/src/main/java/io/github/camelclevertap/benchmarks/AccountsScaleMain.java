package io.github.camelclevertap.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How the cost of uploading for many accounts in one JVM grows with the accounts: for each number of accounts and
 * each way (an endpoint per account with {@code toD}, or one endpoint and the account in a header), a fresh child JVM
 * ({@link AccountsScaleChild}) sends rounds of 100 records per account to the emulator (another child JVM) and reports
 * time per round, threads and resident memory after sending and after idling. Prints a Markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/camel-clevertap-benchmarks.jar io.github.camelclevertap.benchmarks.AccountsScaleMain
 *      [--accounts 10,100,500,1000] [--modes toD,header] [--rounds 3] [--idle 65] [--heap 1g]
 * </pre>
 */
public final class AccountsScaleMain {

    private static final String PASSCODE = "bench-accounts-passcode";

    private AccountsScaleMain() {
    }

    static String account(int i) {
        return "BENCH-ACC-" + i;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> accounts = List.of(10, 100, 500, 1000);
        List<String> modes = List.of("toD", "header");
        int rounds = 3;
        int idle = 65;
        String heap = "1g";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--accounts" -> accounts = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--modes" -> modes = List.of(args[i + 1].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--idle" -> idle = Integer.parseInt(args[i + 1]);
                case "--heap" -> heap = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int most = accounts.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> rows = new ArrayList<>();
        try (ForkedEmulator emulator = new ForkedEmulator(PASSCODE,
                IntStream.range(0, most).mapToObj(AccountsScaleMain::account).toList(), "1g")) {
            for (String mode : modes) {
                for (int n : accounts) {
                    try (ChildJvm child = new ChildJvm(heap, List.of(), AccountsScaleChild.class,
                            List.of(mode, String.valueOf(n), String.valueOf(rounds), String.valueOf(idle),
                                    emulator.baseUri().toString(), PASSCODE))) {
                        String line = child.command("run");
                        String[] f = line.substring("RESULT ".length()).split(" ");
                        String row = String.format("| %s | %,d | %s | %s | %s / %s | %s / %s | %s / %s |", mode, n,
                                f[0], f[1], f[2], f[5], f[3], f[6], f[4], f[7]);
                        System.err.println(row);
                        rows.add(row);
                    }
                }
            }
        }
        System.out.println("| way | accounts | ms per round | failed exchanges | threads active / idle"
                           + " | component threads active / idle | resident MB active / idle |");
        System.out.println("|---|--:|--:|--:|--:|--:|--:|");
        rows.forEach(System.out::println);
    }
}
