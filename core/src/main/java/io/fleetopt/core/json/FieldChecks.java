package io.fleetopt.core.json;

/** The checks a {@link Validated} document may make; each problem names its field. */
public final class FieldChecks {

    private final Problems problems;

    FieldChecks(Problems problems) {
        this.problems = problems;
    }

    public void require(boolean ok, String field, String problem) {
        problems.require(ok, field, problem);
    }

    public void notBlank(String value, String field) {
        problems.notBlank(value, field);
    }

    public void notNull(Object value, String field) {
        problems.notNull(value, field);
    }

    public void between(long value, long min, long max, String field) {
        problems.between(value, min, max, field);
    }

    public void schemaVersion(int found, int supported) {
        problems.schemaVersion(found, supported);
    }
}
