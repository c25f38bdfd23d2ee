package io.fleetopt.applier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fleetopt.core.port.ArtifactStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ResultWriter's files of a Distributed Map run, in Step Functions' own format: a {@code manifest.json} naming the
 * result files by status ({@code SUCCEEDED_0.json}, {@code FAILED_0.json}, {@code PENDING_0.json}), each a JSON array
 * of child execution results whose {@code Input} and {@code Output} are JSON text. RecordApplyResult reads them;
 * the command line's loop writes them the same way, so that one reader serves both. Step Functions adds fields of its
 * own (ExecutionArn, StartDate, Redrive*, ...): they are read past, not refused.
 */
public final class MapRunResults implements AutoCloseable {

    @Serdeable
    public record Manifest(@JsonProperty("DestinationBucket") @Nullable String destinationBucket,
                           @JsonProperty("MapRunArn") @Nullable String mapRunArn,
                           @JsonProperty("ResultFiles") ResultFiles resultFiles) {
    }

    @Serdeable
    public record ResultFiles(@JsonProperty("FAILED") @Nullable List<ResultFile> failed,
                              @JsonProperty("PENDING") @Nullable List<ResultFile> pending,
                              @JsonProperty("SUCCEEDED") @Nullable List<ResultFile> succeeded) {
    }

    @Serdeable
    public record ResultFile(@JsonProperty("Key") String key, @JsonProperty("Size") long size) {
    }

    /** One child execution as a result file lists it. */
    @Serdeable
    public record ChildResult(@JsonProperty("Name") @Nullable String name,
                              @JsonProperty("Status") String status,
                              @JsonProperty("Input") @Nullable String input,
                              @JsonProperty("Output") @Nullable String output,
                              @JsonProperty("Error") @Nullable String error,
                              @JsonProperty("Cause") @Nullable String cause) {
    }

    /** What a child's input says of its item: only the line's item id is needed here. */
    @Serdeable
    record ChildInput(@Nullable Line line) {
        @Serdeable
        record Line(@Nullable Item item) {
        }

        @Serdeable
        record Item(@Nullable String id) {
        }

        String itemId() {
            return line == null || line.item() == null ? null : line.item().id();
        }
    }

    private final ArtifactStore store;
    private final ObjectMapper.CloseableObjectMapper json = ObjectMapper.create(
            Map.of("micronaut.serde.deserialization.ignore-unknown", true), "io.fleetopt");

    public MapRunResults(ArtifactStore store) {
        this.store = store;
    }

    /** Every child result of the map run whose manifest is at {@code manifestKey}, by item id. */
    public Map<String, MapItemOutcome> read(String manifestKey) {
        Manifest manifest = parse(manifestKey, Manifest.class);
        Map<String, MapItemOutcome> byItem = new LinkedHashMap<>();
        ResultFiles files = manifest.resultFiles();
        for (List<ResultFile> group : files == null ? List.<List<ResultFile>>of()
                : java.util.Arrays.asList(files.succeeded(), files.failed(), files.pending())) {
            for (ResultFile file : group == null ? List.<ResultFile>of() : group) {
                for (ChildResult child : parseArray(file.key())) {
                    MapItemOutcome outcome = outcomeOf(file.key(), child);
                    byItem.put(outcome.itemId(), outcome);
                }
            }
        }
        return byItem;
    }

    private MapItemOutcome outcomeOf(String source, ChildResult child) {
        if ("SUCCEEDED".equals(child.status()) && child.output() != null) {
            MapItemOutcome output = parseText(child.output(), MapItemOutcome.class, source);
            if (output.itemId() != null) {
                return output;
            }
        }
        String itemId = child.input() == null ? null : parseText(child.input(), ChildInput.class, source).itemId();
        if (itemId == null) {
            throw new IllegalArgumentException(store.locate(source) + ": a child execution (" + child.name()
                    + ") names no item in its input");
        }
        String error = child.error() != null ? child.error() : "States." + child.status();
        return new MapItemOutcome(itemId, "FAILED", error, child.cause() != null ? child.cause()
                : "its child execution ended " + child.status());
    }

    /** Writes a map run's results as the ResultWriter does, below {@code prefix}; returns the manifest's key. */
    public String write(String prefix, String mapRunId, List<ChildResult> succeeded, List<ChildResult> failed) {
        String base = prefix + "/" + mapRunId + "/";
        List<ResultFile> succeededFiles = new ArrayList<>();
        List<ResultFile> failedFiles = new ArrayList<>();
        if (!succeeded.isEmpty()) {
            succeededFiles.add(put(base + "SUCCEEDED_0.json", succeeded));
        }
        if (!failed.isEmpty()) {
            failedFiles.add(put(base + "FAILED_0.json", failed));
        }
        String manifestKey = base + "manifest.json";
        store.put(manifestKey, text(new Manifest(null, null, new ResultFiles(failedFiles, List.of(), succeededFiles))));
        return manifestKey;
    }

    /** The JSON text of a value, as a child result's Input and Output hold it. */
    public String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ResultFile put(String key, List<ChildResult> children) {
        String content = text(children);
        store.put(key, content);
        return new ResultFile(key, content.length());
    }

    private <T> T parse(String key, Class<T> type) {
        String content = store.get(key).orElseThrow(() -> new IllegalArgumentException(
                "the map run's " + key.substring(key.lastIndexOf('/') + 1) + " " + store.locate(key) + " does not exist"));
        return parseText(content, type, key);
    }

    private List<ChildResult> parseArray(String key) {
        String content = store.get(key).orElseThrow(() -> new IllegalArgumentException(
                "the map run's result file " + store.locate(key) + " does not exist"));
        try {
            return json.readValue(content, io.micronaut.core.type.Argument.listOf(ChildResult.class));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(store.locate(key) + ": not a result file of a map run: " + e.getMessage(), e);
        }
    }

    private <T> T parseText(String content, Class<T> type, String source) {
        try {
            return json.readValue(content, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(store.locate(source) + ": not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        json.close();
    }
}
