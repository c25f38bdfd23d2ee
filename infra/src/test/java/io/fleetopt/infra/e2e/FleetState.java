package io.fleetopt.infra.e2e;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SettingValues;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of every function of the emulated account, read from moto: the five the applier can change (keyed
 * by their kind, in the ledger's canonical form), where its aliases route, and everything else a change must leave
 * alone. The revision id and LastModified are left out: they change with every update by design. The versions a
 * change published are not compared: they stay after a rollback (a published version cannot be changed, and nothing
 * routes to it any more).
 */
record FleetState(Map<String, Map<String, String>> functions) {

    static final String ALIASES = "aliases";

    static FleetState read(EmulatedAccount account) {
        Map<String, Map<String, String>> functions = new TreeMap<>();
        for (FunctionConfiguration listed : account.lambda.listFunctionsPaginator(r -> { }).functions()) {
            GetFunctionResponse function = account.lambda.getFunction(r -> r.functionName(listed.functionName()));
            FunctionConfiguration c = function.configuration();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(RecommendationKind.MEMORY.name(), String.valueOf(c.memorySize()));
            settings.put(RecommendationKind.TIMEOUT.name(), String.valueOf(c.timeout()));
            settings.put(RecommendationKind.TRACING.name(), c.tracingConfig().modeAsString());
            settings.put(RecommendationKind.RESERVED_CONCURRENCY.name(), SettingValues.ofOptional(
                    function.concurrency() == null ? null : function.concurrency().reservedConcurrentExecutions()));
            var group = account.logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + c.functionName()))
                    .logGroups().stream().filter(g -> g.logGroupName().equals("/aws/lambda/" + c.functionName())).findFirst();
            settings.put(RecommendationKind.LOG_RETENTION.name(),
                    SettingValues.ofRetention(group.map(g -> g.retentionInDays()).orElse(null)));
            settings.put("runtime", c.runtimeAsString());
            settings.put("handler", c.handler());
            settings.put("role", c.role());
            settings.put("architectures", String.valueOf(c.architecturesAsStrings()));
            settings.put("layers", String.valueOf(c.layers().stream().map(l -> l.arn()).toList()));
            settings.put("environment", c.environment() == null ? "{}" : String.valueOf(new TreeMap<>(c.environment().variables())));
            settings.put("description", String.valueOf(c.description()));
            settings.put("codeSha256", c.codeSha256());
            settings.put("tags", String.valueOf(new TreeMap<>(function.tags())));
            settings.put("logGroup", group.isPresent() ? "exists" : "missing");
            settings.put(ALIASES, aliases(account, c.functionName()));
            functions.put(c.functionName(), settings);
        }
        return new FleetState(functions);
    }

    /**
     * A function's aliases and where each routes (ListAliases): {@code {live=1 {3=0.1}}}. An alias without weights reads
     * the same whether Lambda answers no RoutingConfig or an empty one (as it does after weights were removed).
     */
    static String aliases(EmulatedAccount account, String function) {
        Map<String, String> routes = new TreeMap<>();
        for (AliasConfiguration alias : account.lambda.listAliasesPaginator(r -> r.functionName(function)).aliases()) {
            Map<String, Double> weights = alias.routingConfig() == null ? Map.of() : alias.routingConfig().additionalVersionWeights();
            routes.put(alias.name(), route(alias.functionVersion(), weights));
        }
        return String.valueOf(routes);
    }

    /** How {@link #aliases} writes one alias's route. */
    static String route(String version, Map<String, Double> weights) {
        return version + " " + new TreeMap<>(weights);
    }

    /** This state with one function's aliases as {@link #aliases} reads them. */
    FleetState withAliases(String function, Map<String, String> routes) {
        return withSetting(function, ALIASES, String.valueOf(new TreeMap<>(routes)));
    }

    /** This state with one setting of one function replaced. */
    FleetState with(String function, RecommendationKind kind, String value) {
        return withSetting(function, kind.name(), value);
    }

    FleetState withDescription(String function, String description) {
        return withSetting(function, "description", description);
    }

    private FleetState withSetting(String function, String setting, String value) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        functions.forEach((name, settings) -> copy.put(name, new LinkedHashMap<>(settings)));
        Map<String, String> settings = copy.get(function);
        if (settings == null) {
            throw new IllegalArgumentException("no function " + function + " in the fleet");
        }
        settings.put(setting, value);
        return new FleetState(copy);
    }

    /** How many settings the diff compares: functions x settings. */
    int settingsCompared() {
        return functions.values().stream().mapToInt(Map::size).sum();
    }
}
