package io.fleetopt.notifier.aws;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which active cost-allocation tag can stand for a function in Cost Explorer: one every function to cross-check
 * carries, each with a value of its own (so a tag value's cost is one function's). fleetopt's own {@code fleetopt:}
 * tags come first, then the others by name.
 */
final class CostAllocationTagChoice {

    static final String OWN_PREFIX = "fleetopt:";

    private CostAllocationTagChoice() {
    }

    static Optional<String> choose(List<String> activeTagKeys, Map<String, Map<String, String>> tagsByArn) {
        return activeTagKeys.stream().distinct()
                .sorted(Comparator.comparing((String key) -> !key.startsWith(OWN_PREFIX)).thenComparing(Comparator.naturalOrder()))
                .filter(key -> tellsApart(key, tagsByArn)).findFirst();
    }

    static String whyNone(List<String> activeTagKeys, Map<String, Map<String, String>> tagsByArn) {
        if (activeTagKeys.isEmpty()) {
            return "the account has no active cost-allocation tag";
        }
        List<String> shown = activeTagKeys.stream().distinct().sorted().limit(5).toList();
        return "none of its " + activeTagKeys.size() + " active cost-allocation tags (" + String.join(", ", shown)
                + (activeTagKeys.size() > shown.size() ? ", ..." : "") + ") has a value of its own on each of the "
                + tagsByArn.size() + " changed function" + (tagsByArn.size() == 1 ? "" : "s");
    }

    private static boolean tellsApart(String key, Map<String, Map<String, String>> tagsByArn) {
        Set<String> values = new HashSet<>();
        for (Map<String, String> tags : tagsByArn.values()) {
            String value = tags.get(key);
            if (value == null || value.isBlank() || !values.add(value)) {
                return false;
            }
        }
        return true;
    }
}
