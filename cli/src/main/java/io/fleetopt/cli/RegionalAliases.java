package io.fleetopt.cli;

import io.fleetopt.applier.aws.LambdaAliasRouter;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.AliasState;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real account's aliases across the command's regions: each call goes to the region in the function's ARN. */
final class RegionalAliases implements AliasRouter {

    private final Map<String, LambdaAliasRouter> routers = new LinkedHashMap<>();

    RegionalAliases(List<String> regions, List<LambdaAliasRouter> routers) {
        for (int i = 0; i < regions.size(); i++) {
            this.routers.put(regions.get(i), routers.get(i));
        }
    }

    @Override
    public AliasState alias(String functionArn, String alias) {
        return in(functionArn).alias(functionArn, alias);
    }

    @Override
    public String publish(String functionArn, String expectedCodeSha256, String expectedRevisionId, String description) {
        return in(functionArn).publish(functionArn, expectedCodeSha256, expectedRevisionId, description);
    }

    @Override
    public AliasState route(String functionArn, String alias, AliasRouting route, String expectedAliasRevisionId) {
        return in(functionArn).route(functionArn, alias, route, expectedAliasRevisionId);
    }

    @Override
    public @Nullable Integer provisionedConcurrency(String functionArn, String qualifier) {
        return in(functionArn).provisionedConcurrency(functionArn, qualifier);
    }

    @Override
    public void provision(String functionArn, String qualifier, int concurrency) {
        in(functionArn).provision(functionArn, qualifier, concurrency);
    }

    @Override
    public void unprovision(String functionArn, String qualifier) {
        in(functionArn).unprovision(functionArn, qualifier);
    }

    private LambdaAliasRouter in(String functionArn) {
        String[] parts = functionArn.split(":", 7);
        LambdaAliasRouter router = parts.length == 7 ? routers.get(parts[3]) : null;
        if (router == null) {
            throw new UsageException(functionArn + " is not a Lambda function ARN in " + String.join(", ", routers.keySet())
                    + " (add --region for its region)");
        }
        return router;
    }
}
