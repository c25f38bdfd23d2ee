package io.fleetopt.core.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects what is wrong with a document, each problem prefixed by the path of its field. */
final class Problems {

    private final List<String> problems = new ArrayList<>();

    void require(boolean ok, String field, String problem) {
        if (!ok) {
            problems.add(field + ": " + problem);
        }
    }

    void notBlank(String value, String field) {
        require(value != null && !value.isBlank(), field, "is missing");
    }

    void notNull(Object value, String field) {
        require(value != null, field, "is missing");
    }

    void noNulls(Collection<?> values, String field) {
        if (values == null) {
            problems.add(field + ": is missing");
        } else {
            require(values.stream().allMatch(v -> v != null), field, "has an empty entry");
        }
    }

    void between(long value, long min, long max, String field) {
        require(value >= min && value <= max, field, "is " + value + ", must be between " + min + " and " + max);
    }

    void schemaVersion(int found, int supported) {
        require(found == supported, "schemaVersion", "is " + found + ", this version of fleetopt reads " + supported);
    }

    void schemaVersion(int found, int oldest, int newest) {
        require(found >= oldest && found <= newest, "schemaVersion",
                "is " + found + ", this version of fleetopt reads " + oldest + " to " + newest);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return problems;
    }
}
