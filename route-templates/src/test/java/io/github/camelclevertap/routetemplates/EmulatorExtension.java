package io.github.camelclevertap.routetemplates;

import java.util.function.UnaryOperator;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A CleverTap emulator for a test class: started before the class's own `@BeforeAll` methods (so a Camel context
 * started there can point at it), emptied after each test, closed after the class's `@AfterAll` methods.
 */
final class EmulatorExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final UnaryOperator<CleverTapEmulator.Builder> accounts;
    private CleverTapEmulator emulator;

    EmulatorExtension(UnaryOperator<CleverTapEmulator.Builder> accounts) {
        this.accounts = accounts;
    }

    CleverTapEmulator get() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = accounts.apply(CleverTapEmulator.builder()).build().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
