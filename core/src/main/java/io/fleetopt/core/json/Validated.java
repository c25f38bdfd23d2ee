package io.fleetopt.core.json;

/** A document that checks its own values when read (used by documents outside the pipeline's core set). */
public interface Validated {

    void validate(FieldChecks checks);
}
