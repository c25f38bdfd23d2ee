package io.fleetopt.core.model;

import io.fleetopt.core.json.FieldChecks;
import io.fleetopt.core.json.Validated;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every function's latest learned response to memory, and the memory changes still waiting to be measured. One
 * document in the artifact store ({@code runs/learned-responses.json}).
 */
@Serdeable
public record LearnedResponses(int schemaVersion, Instant updatedAt, List<LearnedResponse> responses,
                               List<PendingMeasurement> pending) implements Validated {

    public static final int SCHEMA_VERSION = 1;

    public static LearnedResponses none() {
        return new LearnedResponses(SCHEMA_VERSION, Instant.EPOCH, List.of(), List.of());
    }

    public Optional<LearnedResponse> of(String functionArn) {
        return responses.stream().filter(r -> r.functionArn().equals(functionArn))
                .max(Comparator.comparing(LearnedResponse::changedOn));
    }

    public Optional<PendingMeasurement> pendingOf(String functionArn) {
        return pending.stream().filter(p -> p.functionArn().equals(functionArn))
                .max(Comparator.comparing(PendingMeasurement::changedOn));
    }

    /** True when this change (run and item) was measured already. */
    public boolean hasLearned(String runId, String itemId) {
        return responses.stream().anyMatch(r -> r.runId().equals(runId) && r.itemId().equals(itemId));
    }

    /**
     * These responses with {@code learned} added (each replacing an older one of its function) and the pending list
     * replaced by {@code stillPending}, less the functions measured since.
     */
    public LearnedResponses with(List<LearnedResponse> learned, List<PendingMeasurement> stillPending, Instant at) {
        List<LearnedResponse> out = new ArrayList<>(responses);
        for (LearnedResponse response : learned) {
            out.removeIf(r -> r.functionArn().equals(response.functionArn()) && !r.changedOn().isAfter(response.changedOn()));
            out.add(response);
        }
        out.sort(Comparator.comparing(LearnedResponse::functionArn));
        List<PendingMeasurement> pendingNow = stillPending.stream()
                .filter(p -> out.stream().noneMatch(r -> r.functionArn().equals(p.functionArn()) && !r.changedOn().isBefore(p.changedOn())))
                .sorted(Comparator.comparing(PendingMeasurement::functionArn)).toList();
        return new LearnedResponses(SCHEMA_VERSION, at, List.copyOf(out), pendingNow);
    }

    @Override
    public void validate(FieldChecks checks) {
        checks.schemaVersion(schemaVersion, SCHEMA_VERSION);
        checks.notNull(updatedAt, "updatedAt");
        checks.notNull(responses, "responses");
        checks.notNull(pending, "pending");
        if (responses == null) {
            return;
        }
        for (int i = 0; i < responses.size(); i++) {
            LearnedResponse r = responses.get(i);
            String at = "responses[" + i + "]";
            checks.notNull(r, at);
            if (r == null) {
                continue;
            }
            checks.notBlank(r.functionArn(), at + ".functionArn");
            checks.notNull(r.changedOn(), at + ".changedOn");
            checks.notNull(r.confidence(), at + ".confidence");
            checks.between(r.memoryBeforeMb(), 128, 10_240, at + ".memoryBeforeMb");
            checks.between(r.memoryAfterMb(), 128, 10_240, at + ".memoryAfterMb");
            checks.require(r.cpuShare() >= 0 && r.cpuShare() <= 1, at + ".cpuShare", "is " + r.cpuShare() + ", must be 0 to 1");
        }
    }
}
