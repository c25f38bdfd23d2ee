package io.fleetopt.notifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of the command-line rollback that undoes a deployed run: {@code --stack NAME} (the stack's bucket and
 * DynamoDB ledger), the stack's region first (where --stack reads the stack), then each other region the run collects
 * (the guards refuse a change in a region not given).
 */
final class DeployedUndoFlags {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=@+,%-]+");

    private DeployedUndoFlags() {
    }

    /** The flags, or null when the deployment did not say its stack name or region (no command to give). */
    static String of(String stackName, String stackRegion, List<String> collectedRegions) {
        if (stackName == null || stackName.isBlank() || stackRegion == null || stackRegion.isBlank()) {
            return null;
        }
        Set<String> regions = new LinkedHashSet<>();
        regions.add(stackRegion.strip());
        collectedRegions.stream().map(String::strip).filter(r -> !r.isEmpty()).forEach(regions::add);
        List<String> flags = new ArrayList<>(List.of("--stack", quoted(stackName.strip())));
        regions.forEach(r -> flags.addAll(List.of("--region", quoted(r))));
        return String.join(" ", flags);
    }

    /** As a POSIX shell reads it back: plain words as they are, anything else in single quotes. */
    private static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
