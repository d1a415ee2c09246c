package io.github.camelclevertap.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The odd answers as values and as draws of the random mode, without a server. */
class OddAnswerDrawsTest {

    private static final Set<Fault.Kind> ODD_KINDS = EnumSet.of(Fault.Kind.FAIL_200, Fault.Kind.STALLED_BODY,
            Fault.Kind.UNNUMBERED_ERRORS, Fault.Kind.UNNUMBERED_UNECHOED, Fault.Kind.SHUFFLED_ERRORS,
            Fault.Kind.WRONG_PROCESSED);

    /**
     * What seed 42 drew with these rates before the odd answers existed (printed by the injector of commit ae82a89):
     * with the new rates at 0, the same seed must keep drawing exactly this.
     */
    private static final List<String> DRAWN_BEFORE_THE_ODD_ANSWERS = List.of(
            "Fault.none()", "Fault.none()", "Fault.dropConnection()", "Fault.status(429)",
            "Fault.none()", "Fault.none()", "Fault.dropConnection()", "Fault.status(429)",
            "Fault.slowResponse(PT0.007S)", "Fault.none()", "Fault.none()", "Fault.slowResponse(PT0.007S)",
            "Fault.none()", "Fault.dropConnection()", "Fault.status(500)", "Fault.dropAfterStore()",
            "Fault.status(429)", "Fault.none()", "Fault.status(500)", "Fault.dropAfterStore()",
            "Fault.none()", "Fault.dropAfterStore()", "Fault.dropAfterStore()", "Fault.none()",
            "Fault.status(503)", "Fault.dropConnection()", "Fault.none()", "Fault.slowResponse(PT0.007S)",
            "Fault.none()", "Fault.none()", "Fault.slowResponse(PT0.007S)", "Fault.status(429)",
            "Fault.none()", "Fault.none()", "Fault.none()", "Fault.dropConnection()",
            "Fault.dropConnection()", "Fault.slowResponse(PT0.007S)", "Fault.slowResponse(PT0.007S)",
            "Fault.slowResponse(PT0.007S)");

    @Test
    void existingSeedsDrawTheSameFaultsWhenTheOddAnswersAreOff() {
        FaultRates.Builder rates = FaultRates.builder().p503(0.1).p500(0.1).p429(0.1).pDrop(0.1).pSlow(0.1)
                .slowDelay(Duration.ofMillis(7)).pDropAfterStore(0.1);

        assertThat(draws(42, rates.build(), 40)).isEqualTo(DRAWN_BEFORE_THE_ODD_ANSWERS);
        // Explicit zeros and a different stall delay change nothing either.
        assertThat(draws(42, rates.pFail200(0).pStalledBody(0).stallDelay(Duration.ofSeconds(1)).pUnnumbered(0)
                .pUnnumberedUnechoed(0).pShuffled(0).pWrongProcessed(0).build(), 40))
                .isEqualTo(DRAWN_BEFORE_THE_ODD_ANSWERS);
    }

    @Test
    void theEarlierConstructorLeavesTheOddAnswersOff() {
        FaultRates old = new FaultRates(0.1, 0.2, 0.05, 0.01, 0.02, Duration.ofSeconds(2), 0.03);

        assertThat(old).isEqualTo(FaultRates.builder().p503(0.1).p500(0.2).p429(0.05).pDrop(0.01).pSlow(0.02)
                .slowDelay(Duration.ofSeconds(2)).pDropAfterStore(0.03).build());
        assertThat(old.pFail200() + old.pStalledBody() + old.pUnnumbered() + old.pUnnumberedUnechoed()
                + old.pShuffled() + old.pWrongProcessed()).isZero();
        assertThat(old.stallDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(FaultRates.none().stallDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theOddAnswersAreDrawnReproduciblyForASeed() {
        FaultRates rates = FaultRates.builder().p503(0.1).pFail200(0.1).pStalledBody(0.1)
                .stallDelay(Duration.ofMillis(250)).pUnnumbered(0.1).pUnnumberedUnechoed(0.1).pShuffled(0.1)
                .pWrongProcessed(0.1).build();

        List<FaultInjector.Drawn> first = drawn(7, rates, 300);
        List<FaultInjector.Drawn> second = drawn(7, rates, 300);

        assertThat(second).as("the same faults and the same shuffle seeds").isEqualTo(first);
        assertThat(first).extracting(d -> d.fault().kind()).containsAll(ODD_KINDS).contains(Fault.Kind.STATUS);
        assertThat(first).extracting(FaultInjector.Drawn::fault).contains(Fault.fail200(503),
                Fault.stalledBody(Duration.ofMillis(250)), Fault.unnumberedErrors(true), Fault.unnumberedErrors(false),
                Fault.shuffledErrors(), Fault.wrongProcessed(-1));
        assertThat(drawn(8, rates, 300)).as("another seed, other draws").isNotEqualTo(first);
    }

    @Test
    void queuedFaultsAreSeededWithTheRequestNumber() {
        FaultInjector injector = new FaultInjector();
        injector.enqueue(Fault.none(), Fault.shuffledErrors(), Fault.shuffledErrors());

        assertThat(List.of(injector.next(), injector.next(), injector.next())).containsExactly(
                new FaultInjector.Drawn(Fault.none(), 1), new FaultInjector.Drawn(Fault.shuffledErrors(), 2),
                new FaultInjector.Drawn(Fault.shuffledErrors(), 3));
        injector.reset();
        injector.enqueue(Fault.shuffledErrors());
        assertThat(injector.next().seed()).as("counted again from a reset").isEqualTo(1);
    }

    @Test
    void theOddAnswersAreValuesWithReadableNames() {
        assertThat(Fault.fail200(503)).isEqualTo(Fault.fail200(503)).hasSameHashCodeAs(Fault.fail200(503))
                .isNotEqualTo(Fault.fail200(500)).isNotEqualTo(Fault.status(503))
                .hasToString("Fault.fail200(503)");
        assertThat(Fault.fail200(503).code()).isEqualTo(503);
        assertThat(Fault.fail200(503).httpStatus()).isZero();
        assertThat(Fault.stalledBody(Duration.ofSeconds(5))).isEqualTo(Fault.stalledBody(Duration.ofMillis(5000)))
                .isNotEqualTo(Fault.slowResponse(Duration.ofSeconds(5))).hasToString("Fault.stalledBody(PT5S)");
        assertThat(Fault.stalledBody(Duration.ofSeconds(5)).delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Fault.unnumberedErrors(true).kind()).isEqualTo(Fault.Kind.UNNUMBERED_ERRORS);
        assertThat(Fault.unnumberedErrors(false).kind()).isEqualTo(Fault.Kind.UNNUMBERED_UNECHOED);
        assertThat(Fault.unnumberedErrors(true)).isNotEqualTo(Fault.unnumberedErrors(false))
                .hasToString("Fault.unnumberedErrors(true)");
        assertThat(Fault.unnumberedErrors(false)).hasToString("Fault.unnumberedErrors(false)");
        assertThat(Fault.shuffledErrors()).isEqualTo(Fault.shuffledErrors()).hasToString("Fault.shuffledErrors()");
        assertThat(Fault.wrongProcessed(-1)).isEqualTo(Fault.wrongProcessed(-1)).isNotEqualTo(Fault.wrongProcessed(1))
                .hasToString("Fault.wrongProcessed(-1)");
        assertThat(Fault.wrongProcessed(-1).delta()).isEqualTo(-1);
    }

    @Test
    void invalidOddAnswersAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.fail200(0));
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.stalledBody(Duration.ofMillis(-1)));
        assertThatNullPointerException().isThrownBy(() -> Fault.stalledBody(null));
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRates.builder().p503(0.5).pShuffled(0.6).build());
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRates.builder().pWrongProcessed(-0.1).build());
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRates.builder().stallDelay(Duration.ofSeconds(-1))
                .build());
        assertThat(FaultRates.builder().pFail200(0.2).pStalledBody(0.2).pUnnumbered(0.2).pUnnumberedUnechoed(0.1)
                .pShuffled(0.2).pWrongProcessed(0.1).build().pWrongProcessed()).as("adding up to 1 is fine")
                .isEqualTo(0.1);
    }

    private static List<String> draws(long seed, FaultRates rates, int count) {
        List<String> names = new ArrayList<>();
        drawn(seed, rates, count).forEach(d -> names.add(d.fault().toString()));
        return names;
    }

    private static List<FaultInjector.Drawn> drawn(long seed, FaultRates rates, int count) {
        FaultInjector injector = new FaultInjector().random(seed, rates);
        List<FaultInjector.Drawn> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(injector.next());
        }
        return drawn;
    }
}
