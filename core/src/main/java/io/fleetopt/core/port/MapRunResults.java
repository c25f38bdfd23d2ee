package io.fleetopt.core.port;

import io.fleetopt.core.json.InvalidDocumentException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Distributed Map's ResultWriter wrote to the artifact store: its {@code manifest.json} names the result
 * files by status ({@code ResultFiles.SUCCEEDED / FAILED / PENDING}), each a JSON array of the child executions
 * with their {@code Input} and {@code Output} (JSON strings), {@code Status}, {@code Error} and {@code Cause}.
 * Read leniently (Step Functions adds fields), but a missing manifest, file or field is named.
 */
public final class MapRunResults {

    /** One child execution as ResultWriter recorded it. */
    public record Child(String status, String input, @Nullable String output, @Nullable String error,
                        @Nullable String cause) {
    }

    private static final List<String> STATUSES = List.of("SUCCEEDED", "FAILED", "PENDING");

    private final ArtifactStore store;
    private final ObjectMapper json = ObjectMapper.getDefault();

    public MapRunResults(ArtifactStore store) {
        this.store = store;
    }

    /** Every child execution the manifest at {@code manifestKey} lists, succeeded ones first. */
    public List<Child> read(String manifestKey) {
        Map<String, Object> manifest = object(manifestKey, "the Map run's manifest");
        Object files = manifest.get("ResultFiles");
        if (!(files instanceof Map<?, ?> byStatus)) {
            throw new InvalidDocumentException(store.locate(manifestKey) + ": ResultFiles: is missing");
        }
        List<Child> children = new ArrayList<>();
        for (String status : STATUSES) {
            Object list = byStatus.get(status);
            if (list == null) {
                continue;
            }
            if (!(list instanceof List<?> entries)) {
                throw new InvalidDocumentException(store.locate(manifestKey) + ": ResultFiles." + status + ": is not a list");
            }
            for (Object entry : entries) {
                Object key = entry instanceof Map<?, ?> m ? m.get("Key") : null;
                if (!(key instanceof String fileKey)) {
                    throw new InvalidDocumentException(store.locate(manifestKey) + ": ResultFiles." + status + "[].Key: is missing");
                }
                children.addAll(resultFile(fileKey));
            }
        }
        return children;
    }

    private List<Child> resultFile(String key) {
        String text = store.get(key).orElseThrow(() -> new IllegalArgumentException("the Map run's result file "
                + store.locate(key) + " does not exist"));
        List<Map<String, Object>> executions;
        try {
            executions = json.readValue(text, Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new InvalidDocumentException(store.locate(key) + ": is not a JSON array of child executions: " + e.getMessage());
        }
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < executions.size(); i++) {
            Map<String, Object> e = executions.get(i);
            String at = store.locate(key) + ": [" + i + "]";
            if (!(e.get("Status") instanceof String status)) {
                throw new InvalidDocumentException(at + ".Status: is missing");
            }
            if (!(e.get("Input") instanceof String input)) {
                throw new InvalidDocumentException(at + ".Input: is missing");
            }
            children.add(new Child(status, input, (String) e.get("Output"), (String) e.get("Error"), (String) e.get("Cause")));
        }
        return children;
    }

    private Map<String, Object> object(String key, String what) {
        String text = store.get(key).orElseThrow(() -> new IllegalArgumentException(what + " " + store.locate(key)
                + " does not exist"));
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new InvalidDocumentException(store.locate(key) + ": is not a JSON object: " + e.getMessage());
        }
    }
}
