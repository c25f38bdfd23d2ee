package io.fleetopt.core.model;

/**
 * What a recommendation is about. A closed set: the applier switches over it, and only the
 * kinds that {@link #isSetting()} can be changed by the applier; the rest are findings for the owner.
 */
public enum RecommendationKind {
    MEMORY("memory", true),
    TIMEOUT("timeout", true),
    RESERVED_CONCURRENCY("reserved concurrency", true),
    PROVISIONED_CONCURRENCY("provisioned concurrency", false),
    LOG_RETENTION("log retention", true),
    TRACING("tracing", true),
    DLQ("dead-letter queue", false),
    ALARMS("alarms", false),
    RUNTIME("runtime", false),
    ARCHITECTURE("architecture", false),
    ERRORS("errors", false);

    private final String label;
    private final boolean setting;

    RecommendationKind(String label, boolean setting) {
        this.label = label;
        this.setting = setting;
    }

    public String label() {
        return label;
    }

    /**
     * True for the settings in the function's configuration (UpdateFunctionConfiguration): a change to them carries
     * the revision id it was planned against, and makes a new one. Concurrency and log retention do neither.
     */
    public boolean carriesRevisionId() {
        return this == MEMORY || this == TIMEOUT || this == TRACING;
    }

    /** True when the applier can change this kind through the function configurator. */
    public boolean isSetting() {
        return setting;
    }
}
