package io.fleetopt.core.model;

/**
 * The canonical string form of each kind's value, as it travels in plans, results and the ledger, and
 * how it reads to a person. One place, so the analyzer, applier and reports agree.
 */
public final class SettingValues {

    public static final String NONE = "none";
    public static final String NEVER_EXPIRES = "never";

    private SettingValues() {
    }

    public static String ofOptional(Integer value) {
        return value == null ? NONE : Integer.toString(value);
    }

    public static String ofRetention(Integer days) {
        return days == null ? NEVER_EXPIRES : Integer.toString(days);
    }

    /** Parses an optional integer value ("none" for not set). */
    public static Integer parseOptional(String value) {
        return NONE.equals(value) || NEVER_EXPIRES.equals(value) ? null : Integer.valueOf(value);
    }

    /** How a value reads in a plan or an email: "512 MB", "30 s", "never expires", "30 days". */
    public static String display(RecommendationKind kind, String value) {
        if (value == null) {
            return "-";
        }
        return switch (kind) {
            case MEMORY -> value + " MB";
            case TIMEOUT -> value + " s";
            case LOG_RETENTION -> NEVER_EXPIRES.equals(value) ? "never expires" : value + " days";
            case RESERVED_CONCURRENCY, PROVISIONED_CONCURRENCY -> NONE.equals(value) ? "none" : value;
            case TRACING, DLQ, ALARMS, RUNTIME, ARCHITECTURE, ERRORS -> value;
        };
    }
}
