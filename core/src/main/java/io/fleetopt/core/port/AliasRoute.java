package io.fleetopt.core.port;

import java.util.List;

/** One alias of a function and the versions it routes invocations to (the main one first, then weighted ones). */
public record AliasRoute(String alias, List<RoutedVersion> versions) {

    public AliasRoute {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("alias " + alias + " routes to no version");
        }
        versions = List.copyOf(versions);
    }
}
