package io.fleetopt.collector.aws;

import io.fleetopt.aws.SdkRequestPriming;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector's code calls only read operations of the AWS clients, each one declared in its IAM actions and sent by
 * SnapStart's priming (SdkRequestPriming), so a restored collector finds the request path of each call loaded.
 */
class ReadOnlyByConstructionTest {

    private static final Pattern CLIENT_CALL =
            Pattern.compile("\\b(lambda|cloudWatch|logs|tagging|organizations)\\s*\\.\\s*(\\w+)\\s*\\(");
    /** Each client's variable name and the SDK's name of its service ({@code SdkClient.serviceName()}). */
    private static final Map<String, String> SERVICE_NAME = Map.of("lambda", "lambda",
            "cloudWatch", "monitoring", "logs", "logs", "tagging", "tagging", "organizations", "organizations");
    /** Each client's IAM prefix; organizations is the ListTargets role's (OrganizationAccounts), not the fleet's. */
    private static final Map<String, String> FLEET_IAM_PREFIX = Map.of("lambda", "lambda", "cloudWatch", "cloudwatch",
            "logs", "logs", "tagging", "tag");

    /** A call in the collector's AWS code: the client's variable name and the operation (a paginator's included). */
    record Call(String client, String operation) {
    }

    private static List<Call> calls() throws IOException {
        List<Call> calls = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/io/fleetopt/collector/aws"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = CLIENT_CALL.matcher(Files.readString(source));
                while (call.find()) {
                    calls.add(new Call(call.group(1), call.group(2).replace("Paginator", "")));
                }
            }
        }
        return calls;
    }

    @Test
    void callsNoWriteOperationAndDeclaresEveryActionItCalls() throws IOException {
        Set<String> actions = new TreeSet<>();
        for (Call call : calls()) {
            if (FLEET_IAM_PREFIX.containsKey(call.client())) {
                actions.add(FLEET_IAM_PREFIX.get(call.client()) + ":" + Character.toUpperCase(call.operation().charAt(0))
                        + call.operation().substring(1));
            }
        }
        assertTrue(actions.stream().map(a -> a.substring(a.indexOf(':') + 1))
                .allMatch(op -> op.startsWith("List") || op.startsWith("Get") || op.startsWith("Describe")
                        || op.equals("StartQuery") || op.equals("FilterLogEvents")), actions.toString());
        assertEquals(new TreeSet<>(AwsFleetSource.IAM_ACTIONS), actions);
    }

    @Test
    void everyCallIsOneThePrimingSends() throws IOException {
        Set<String> called = calls().stream().map(call -> SERVICE_NAME.get(call.client()) + "." + call.operation())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> primed = new TreeSet<>();
        SdkRequestPriming.SERVICES.forEach(s -> s.operations().forEach(op -> primed.add(s.name() + "." + op)));
        assertTrue(called.contains("organizations.listAccountsForParent"), called.toString());
        assertEquals(Set.of(), called.stream().filter(c -> !primed.contains(c)).collect(Collectors.toSet()),
                "calls SnapStart's priming (SdkRequestPriming.SERVICES) does not send");
    }
}
