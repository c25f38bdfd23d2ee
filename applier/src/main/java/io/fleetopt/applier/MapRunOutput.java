package io.fleetopt.applier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The output of a Distributed Map with a ResultWriter: its map run and where the manifest of its results is. */
@Serdeable
public record MapRunOutput(@JsonProperty("MapRunArn") @Nullable String mapRunArn,
                           @JsonProperty("ResultWriterDetails") @Nullable ResultWriterDetails resultWriterDetails) {

    @Serdeable
    public record ResultWriterDetails(@JsonProperty("Bucket") @Nullable String bucket, @JsonProperty("Key") String key) {
    }
}
