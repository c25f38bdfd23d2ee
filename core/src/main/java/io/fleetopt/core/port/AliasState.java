package io.fleetopt.core.port;

/** An alias as it is live: its route and its revision id (the guard of the next UpdateAlias). */
public record AliasState(String name, AliasRouting route, String revisionId) {
}
