package io.fleetopt.core.port;

import java.util.Optional;

/** Where the run's documents live (S3 in AWS, a folder locally), by key. */
public interface ArtifactStore {

    void put(String key, String content);

    Optional<String> get(String key);

    /** A human-readable location for a key (an s3:// URI or a file path). */
    String locate(String key);
}
