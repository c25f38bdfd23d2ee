package io.fleetopt.cli;

import software.amazon.awssdk.regions.Region;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The region names of every AWS partition the SDK knows (its partition metadata), to check {@code --region} against. */
final class RegionNames {

    private static final Set<String> KNOWN = Region.regions().stream().filter(r -> !r.isGlobalRegion())
            .map(Region::id).collect(Collectors.toUnmodifiableSet());

    private RegionNames() {
    }

    /** The given names that are not a region of any partition, in the order given. */
    static List<String> unknown(List<String> regions) {
        return regions.stream().filter(r -> !KNOWN.contains(r)).distinct().toList();
    }

    static String describe(List<String> unknown) {
        return (unknown.size() == 1 ? "--region " + unknown.get(0) + " is not" : "--region " + String.join(", ", unknown)
                + " are not") + " an AWS region name (e.g. us-east-1, eu-west-1, ap-southeast-2)";
    }
}
