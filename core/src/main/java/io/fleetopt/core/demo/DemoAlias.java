package io.fleetopt.core.demo;

import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.port.AliasRouting;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A demo function's alias as it is now: the share of the function's invocations that goes through it, its route and
 * revision, the function's published versions, and provisioned concurrency by qualifier (the alias's own, and a
 * version's warm copy while fleetopt moves the alias).
 */
@Serdeable
public record DemoAlias(
        String functionName,
        String alias,
        double trafficShare,
        AliasRouting route,
        int revision,
        List<PublishedVersion> versions,
        Map<String, Integer> provisionedByQualifier) {

    String revisionId() {
        return "alias-" + functionName + "-" + alias + "-" + revision;
    }

    DemoAlias routed(AliasRouting newRoute) {
        return new DemoAlias(functionName, alias, trafficShare, newRoute, revision + 1, versions, provisionedByQualifier);
    }

    DemoAlias withVersions(List<PublishedVersion> newVersions) {
        return new DemoAlias(functionName, alias, trafficShare, route, revision, List.copyOf(newVersions), provisionedByQualifier);
    }

    DemoAlias withProvisioned(Map<String, Integer> provisioned) {
        return new DemoAlias(functionName, alias, trafficShare, route, revision, versions, Map.copyOf(provisioned));
    }
}
