package io.fleetopt.infra.simulation;

import io.fleetopt.core.port.ArtifactStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The artifact bucket of the simulation, in memory; a document a later state does not read again can be dropped. */
final class InMemoryArtifactStore implements ArtifactStore {

    private final Map<String, String> objects = new ConcurrentHashMap<>();

    @Override
    public void put(String key, String content) {
        objects.put(key, content);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public String locate(String key) {
        return "s3://fleetopt-artifacts/" + key;
    }

    /** Drops an object and returns its size in bytes (UTF-8 is ASCII here). */
    int drop(String key) {
        String content = objects.remove(key);
        return content == null ? 0 : content.length();
    }
}
