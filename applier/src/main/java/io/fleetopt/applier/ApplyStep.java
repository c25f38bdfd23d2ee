package io.fleetopt.applier;

/**
 * The points of one item's write-ahead apply (or rollback) at which a process can die; a {@link StepHook} sees each
 * as it is reached, which is how the fault-injection tests stop an applier there.
 */
public enum ApplyStep { BEFORE_INTENT, AFTER_INTENT, AFTER_CHANGE, AFTER_COMPLETION }
