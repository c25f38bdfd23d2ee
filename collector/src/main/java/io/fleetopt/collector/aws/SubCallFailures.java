package io.fleetopt.collector.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls that failed for one function or one batch (by operation and error code), so the snapshot
 * carries one warning per kind of failure rather than thousands of lines.
 */
final class SubCallFailures {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();

    /** Records a failure; returns a short description for the function's own warnings. */
    String record(String operation, String consequence, SdkException error) {
        String code = errorCode(error);
        String key = operation + " " + code + ": " + consequence;
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        examples.putIfAbsent(key, firstLine(error.getMessage()));
        return operation + " failed (" + code + "): " + consequence;
    }

    /** Records a problem that is not an exception (a per-result status, a message in an answer). */
    void note(String operation, String code, String consequence, String example) {
        String key = operation + " " + code + ": " + consequence;
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        examples.putIfAbsent(key, firstLine(example));
    }

    List<String> warnings() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(counts).forEach((key, count) -> lines.add(key + " (" + count + (count.get() == 1 ? " time" : " times")
                + "; e.g. " + examples.get(key) + ")"));
        return lines;
    }

    static String errorCode(SdkException error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }

    static boolean isAccessDenied(SdkException error) {
        String code = errorCode(error);
        return code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation") || code.equals("UnrecognizedClientException");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
