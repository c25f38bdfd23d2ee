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
 * { MapRunArn, ResultWriterDetails }. Every child succeeds here, because the Map's own Catch turns a failed item into
 * a result; a child that fails outright is in RecordApplyResultStageTest, on files in the service's format.
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> writeResults(ArtifactStore store, String mapState, Map<String, Object> parameters) {
        String prefix = (String) parameters.get("Prefix");
        List<Object> results = (List<Object>) parameters.get("results");
        String mapRunId = UUID.randomUUID().toString();
        List<MapRunResults.ChildResult> children = new ArrayList<>();
        try (MapRunResults writer = new MapRunResults(store)) {
            for (Object result : results) {
                Object itemId = ((Map<String, Object>) result).get("itemId");
                // ApplyApproved's child: the line's item id; CollectAndAnalyzeEachTarget's: nothing (IndexRun reads a
                // succeeded child's Output only)
                Object input = itemId == null ? Map.of() : Map.of("line", Map.of("item", Map.of("id", itemId)));
                children.add(new MapRunResults.ChildResult(UUID.randomUUID().toString(), "SUCCEEDED",
                        writer.text(input), writer.text(result), null, null));
            }
            String manifestKey = writer.write(prefix, mapRunId, children, List.of());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("Bucket", parameters.get("Bucket"));
            details.put("Key", manifestKey);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("MapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:fleetopt-weekly-run/" + mapState + ":" + mapRunId);
            output.put("ResultWriterDetails", details);
            return output;
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("the emulated ResultWriter could not write below " + prefix, e));
        }
    }
}
