package io.fleetopt.aws;

import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.StoredText;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The artifact store in AWS: each key is an object in one bucket, below an optional prefix. */
public final class S3ArtifactStore implements ArtifactStore {

    /**
     * What {@link #get} needs: GetObject, and ListBucket so that a missing key answers NoSuchKey (404, read as
     * missing) instead of AccessDenied (403).
     */
    public static final List<String> READ_IAM_ACTIONS = List.of("s3:GetObject", "s3:ListBucket");
    /** What {@link #put} needs. */
    public static final List<String> WRITE_IAM_ACTIONS = List.of("s3:PutObject");
    /** What {@link #get(String, String)} needs for one pinned version of an object (a decision's items, its plan). */
    public static final List<String> READ_VERSION_IAM_ACTIONS = List.of("s3:GetObjectVersion");

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the artifact bucket is not configured (fleetopt.artifact-bucket)");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isBlank() ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
    }

    public S3ArtifactStore(S3Client s3, String bucket) {
        this(s3, bucket, "");
    }

    @Override
    public void put(String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentType(contentType(key)),
                RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key))).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** On the versioned artifact bucket, S3 answers the write with the VersionId it gave the object. */
    @Override
    public Optional<String> putVersioned(String key, String content) {
        String version = s3.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentType(contentType(key)),
                RequestBody.fromString(content, StandardCharsets.UTF_8)).versionId();
        return Optional.ofNullable(version == null || version.equals("null") ? null : version);
    }

    @Override
    public Optional<StoredText> getVersioned(String key) {
        try {
            var object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key)));
            String version = object.response().versionId();
            return Optional.of(new StoredText(object.asUtf8String(), version == null || version.equals("null") ? null : version));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> get(String key, String versionId) {
        if (versionId == null) {
            return get(key);
        }
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key)).versionId(versionId)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public String locate(String key) {
        return "s3://" + bucket + "/" + objectKey(key);
    }

    /** Documents are JSON; the weekly report's page and Markdown are stored as what they are, so a link opens them as such. */
    static String contentType(String key) {
        if (key.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return key.endsWith(".md") ? "text/markdown; charset=utf-8" : "application/json";
    }

    private String objectKey(String key) {
        return prefix + key;
    }
}
