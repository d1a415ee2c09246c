package io.github.camelclevertap.routetemplates.review;

import java.util.List;

import javax.sql.DataSource;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.main.Main;

/** Camel Main with one route of `routes/review20-sql.yaml` (issue #20's SQL source), against an emulator. */
final class ReviewSqlRun {

    private ReviewSqlRun() {
    }

    static Main start(DataSource database, CleverTapEmulator emulator, String routeId) {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/review20-sql.yaml");
        main.addInitialProperty("camel.main.route-filter-include-pattern", routeId + ",clevertap-*");
        main.addInitialProperty("camel.main.shutdown-timeout", "10");
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setPasscode(FileSourceRun.PASSCODE);
        main.bind("clevertap", clevertap);
        main.bind("dataSource", database);
        main.addInitialProperty("clevertap.account-id", FileSourceRun.ACCOUNT);
        main.addInitialProperty("clevertap.passcode", FileSourceRun.PASSCODE);
        main.addInitialProperty("clevertap.base-uri", emulator.baseUri().toString());
        main.start();
        return main;
    }

    static List<String> identities(CleverTapEmulator emulator) {
        return emulator.storedRecords(FileSourceRun.ACCOUNT).stream().map(r -> String.valueOf(r.get("identity")))
                .toList();
    }
}
