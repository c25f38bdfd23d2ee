package io.fleetopt.cli;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The runs in a deployed stack's artifact bucket, found with ListObjectsV2 (S3's continuation tokens, every page): the
 * run prefixes under {@code runs/}, then each run's document by its exact key, newest LastModified first, ties by key.
 * Read-only: it lists and writes nothing.
 */
final class BucketRuns implements StoredRuns {

    /** ListObjectsV2 is authorized by s3:ListBucket on the bucket. */
    static final List<String> IAM_ACTIONS = List.of("s3:ListBucket");
    private static final String RUNS = "runs/";

    private final S3Client s3;
    private final String bucket;

    BucketRuns(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<String> latestWith(UnaryOperator<String> keyOfRun) {
        List<Written> written = new ArrayList<>();
        for (String run : runs()) {
            String key = keyOfRun.apply(run);
            for (S3Object object : list(key, null).contents()) {
                if (object.key().equals(key)) {
                    written.add(new Written(run, key, object.lastModified()));
                }
            }
        }
        return written.stream().max(Comparator.comparing(Written::lastModified).thenComparing(Written::key)).map(Written::run);
    }

    @Override
    public List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = list(prefix, token);
            for (S3Object object : page.contents()) {
                keys.add(object.key());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    /** The run ids: the common prefixes {@code runs/ID/}, over every page of the listing. */
    private List<String> runs() {
        List<String> runs = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = list(RUNS, token);
            for (CommonPrefix prefix : page.commonPrefixes()) {
                String run = prefix.prefix().substring(RUNS.length(), prefix.prefix().length() - 1);
                if (!run.isEmpty()) {
                    runs.add(run);
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return runs;
    }

    private ListObjectsV2Response list(String prefix, String token) {
        try {
            return s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).delimiter("/").continuationToken(token));
        } catch (S3Exception e) {
            throw BucketFailures.typed(e, "s3:ListBucket", "bucket " + bucket + " (ListObjectsV2, prefix " + prefix + ")");
        }
    }

    private record Written(String run, String key, Instant lastModified) {
    }
}
