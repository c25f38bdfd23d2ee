package io.fleetopt.infra.statemachine;

import io.fleetopt.applier.MapRunResults;
import io.fleetopt.core.port.ArtifactStore;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Step Functions does around a Distributed Map's ItemProcessor and aws-local-stepfunctions does not
 * (run-execution.mjs routes it here): the ItemReader reads the JSON Lines object it names (InputType JSONL, at the
 * version it names) as one item per line; the ResultWriter writes the children's results below its Prefix as the
 * service does (a manifest and SUCCEEDED_0.json, each child with its Output as JSON text, and of its Input only the
 * line's item id, which is all RecordApplyResult reads of it) and answers
 * { MapRunArn, ResultWriterDetails }. A child whose states do not catch its error (a CollectTarget whose member role
 * cannot be assumed) is listed in FAILED_0.json with its input, error and cause; more failed children than the Map's
 * tolerated failure percentage fail the Map (States.ExceedToleratedFailureThreshold), as the service does.
 * ApplyApproved's children all succeed, because its item's own Catch turns a failed item into a result; its
 * children that fail outright are in RecordApplyResultStageTest, on files in the service's format.
 */
final class DistributedMapEmulation {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private DistributedMapEmulation() {
    }

    static List<Object> readItems(ArtifactStore store, Map<String, Object> parameters) throws IOException {
        String key = (String) parameters.get("Key");
        String version = (String) parameters.get("VersionId");
        String content = store.get(key, version).orElseThrow(() -> new IllegalStateException(
                "S3.NoSuchKey: the ItemReader's object " + store.locate(key) + " does not exist"));
        List<Object> items = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (!line.isBlank()) {
                items.add(JSON.readValue(line, Argument.of(Object.class)));
            }
        }
        return items;
    }

    /** More children failed than the Map tolerates: the Map fails (Step Functions' States.ExceedToleratedFailureThreshold). */
    static final class ToleratedFailuresExceeded extends RuntimeException {
        ToleratedFailuresExceeded(String message) {
            super(message);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> writeResults(ArtifactStore store, String mapState, Map<String, Object> parameters) {
        String prefix = (String) parameters.get("Prefix");
        List<Object> results = (List<Object>) parameters.get("results");
        String mapRunId = UUID.randomUUID().toString();
        List<MapRunResults.ChildResult> children = new ArrayList<>();
        List<MapRunResults.ChildResult> failed = new ArrayList<>();
        try (MapRunResults writer = new MapRunResults(store)) {
            for (Object result : results) {
                Map<String, Object> fields = (Map<String, Object>) result;
                if (fields.get("childFailed") instanceof Map<?, ?> failure) {
                    // a child whose states did not catch its error (run-execution.mjs): FAILED, with its whole input
                    Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) fields.get("input"));
                    input.remove("emulatedChildFailure");
                    failed.add(new MapRunResults.ChildResult(UUID.randomUUID().toString(), "FAILED", writer.text(input), null,
                            String.valueOf(failure.get("Error")), String.valueOf(failure.get("Cause"))));
                    continue;
                }
                Object itemId = fields.get("itemId");
                // ApplyApproved's child: the line's item id; CollectAndAnalyzeEachTarget's: nothing (IndexRun reads a
                // succeeded child's Output only)
                Object input = itemId == null ? Map.of() : Map.of("line", Map.of("item", Map.of("id", itemId)));
                children.add(new MapRunResults.ChildResult(UUID.randomUUID().toString(), "SUCCEEDED",
                        writer.text(input), writer.text(result), null, null));
            }
            double tolerated = parameters.get("toleratedFailurePercentage") instanceof Number n ? n.doubleValue() : 0;
            if (failed.size() * 100.0 > tolerated * results.size()) {
                throw new ToleratedFailuresExceeded(mapState + ": " + failed.size() + " of " + results.size()
                        + " child executions failed, more than the tolerated " + tolerated + " %");
            }
            String manifestKey = writer.write(prefix, mapRunId, children, failed);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("Bucket", parameters.get("Bucket"));
            details.put("Key", manifestKey);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("MapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:fleetopt-weekly-run/" + mapState + ":" + mapRunId);
            output.put("ResultWriterDetails", details);
            return output;
        } catch (ToleratedFailuresExceeded e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("the emulated ResultWriter could not write below " + prefix, e));
        }
    }
}
