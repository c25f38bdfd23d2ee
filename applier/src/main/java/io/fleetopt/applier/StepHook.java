package io.fleetopt.applier;

/** Told each {@link ApplyStep} of an item as it is reached. The product's hook does nothing. */
@FunctionalInterface
public interface StepHook {

    StepHook NONE = (step, runId, itemId) -> { };

    void reached(ApplyStep step, String runId, String itemId);
}
