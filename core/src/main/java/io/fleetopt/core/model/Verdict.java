package io.fleetopt.core.model;

/** What the plan did with one function in scope. */
public enum Verdict {
    /** The plan has items (changes or findings) for it. */
    ITEMS,
    /** Left alone, with the reason (out of scope, skip tag, thin or unavailable evidence). */
    LEFT_ALONE,
    /** Every rule looked at it and found nothing to change. */
    NOTHING_TO_CHANGE
}
