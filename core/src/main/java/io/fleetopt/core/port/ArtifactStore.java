package io.fleetopt.core.port;

import java.util.Optional;

/** Where the run's documents live (S3 in AWS, a folder locally), by key. */
public interface ArtifactStore {

    void put(String key, String content);

    Optional<String> get(String key);

    /** A human-readable location for a key (an s3:// URI or a file path). */
    String locate(String key);

    /**
     * Writes and returns the version the store gave the object (S3 on a versioned bucket answers PutObject with a
     * VersionId), or empty where the store keeps no versions (a folder).
     */
    default Optional<String> putVersioned(String key, String content) {
        put(key, content);
        return Optional.empty();
    }

    /** The text stored at {@code key} with its version (null where the store keeps none). */
    default Optional<StoredText> getVersioned(String key) {
        return get(key).map(content -> new StoredText(content, null));
    }

    /**
     * The text of one version of {@code key}; a null version is the current one. A store that keeps no versions has
     * only the current one, and says so rather than answer with another.
     */
    default Optional<String> get(String key, String versionId) {
        if (versionId == null) {
            return get(key);
        }
        throw new IllegalArgumentException(locate(key) + ": version " + versionId + " was asked for, but this "
                + "artifact store keeps no versions");
    }
}
