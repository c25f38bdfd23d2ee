package io.fleetopt.collector.aws;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector's code calls only read operations of the AWS clients, each one declared in its IAM actions. */
class ReadOnlyByConstructionTest {

    private static final Pattern CLIENT_CALL = Pattern.compile("\\b(lambda|cloudWatch|logs|tagging)\\s*\\.\\s*(\\w+)\\s*\\(");

    @Test
    void callsNoWriteOperationAndDeclaresEveryActionItCalls() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/io/fleetopt/collector/aws"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = CLIENT_CALL.matcher(Files.readString(source));
                while (call.find()) {
                    String service = switch (call.group(1)) {
                        case "lambda" -> "lambda";
                        case "cloudWatch" -> "cloudwatch";
                        case "logs" -> "logs";
                        default -> "tag";
                    };
                    String operation = call.group(2).replace("Paginator", "");
                    actions.add(service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
                }
            }
        }
        assertTrue(actions.stream().map(a -> a.substring(a.indexOf(':') + 1))
                .allMatch(op -> op.startsWith("List") || op.startsWith("Get") || op.startsWith("Describe")
                        || op.equals("StartQuery") || op.equals("FilterLogEvents")), actions.toString());
        assertEquals(new TreeSet<>(AwsFleetSource.IAM_ACTIONS), actions);
    }
}
