package io.fleetopt.notifier.aws;

import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.notifier.report.ReportLink;
import io.fleetopt.notifier.report.ReportLinks;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Links to a stored report by a presigned S3 GET URL, so the reader needs no AWS access: it lasts {@code validity}
 * (at most the 7 days SigV4 allows); the page opens as a web page because the artifact store keeps it as text/html. Signed with the notifier's credentials: when those are temporary (a Lambda role's), the link stops
 * working when they expire, at their known expiry if the SDK tells it, else possibly before {@code validity}.
 */
public final class S3PresignedReportLinks implements ReportLinks, AutoCloseable {

    /** Opening the link reads the object with the notifier role's permission. */
    public static final List<String> IAM_ACTIONS = List.of("s3:GetObject");
    public static final Duration LONGEST = Duration.ofDays(7);

    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final ArtifactStore store;
    private final Duration validity;

    public S3PresignedReportLinks(S3Presigner presigner, AwsCredentialsProvider credentials, ArtifactStore store, Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("fleetopt.notifier.report-link-hours must be from 1 to 168 (S3 presigned links last "
                    + "at most 7 days), got " + validity.toHours());
        }
        this.presigner = presigner;
        this.credentials = credentials;
        this.store = store;
        this.validity = validity;
    }

    @Override
    public ReportLink link(String key) {
        String location = store.locate(key);
        if (!location.startsWith("s3://") || location.indexOf('/', 5) < 0) {
            throw new IllegalStateException("the report " + location + " is not in S3, so it cannot be linked by a presigned URL");
        }
        String bucket = location.substring(5, location.indexOf('/', 5));
        String objectKey = location.substring(location.indexOf('/', 5) + 1);
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(objectKey).build();
        PresignedGetObjectRequest signed = presigner.presignGetObject(b -> b.signatureDuration(validity).getObjectRequest(get));
        AwsCredentials used = credentials.resolveCredentials();
        Optional<Instant> credentialsEnd = used.expirationTime();
        Instant expires = credentialsEnd.filter(end -> end.isBefore(signed.expiration())).orElse(signed.expiration());
        boolean mayEndSooner = used instanceof AwsSessionCredentials && credentialsEnd.isEmpty();
        return new ReportLink(signed.url().toString(), expires, mayEndSooner, location);
    }

    @Override
    public void close() {
        presigner.close();
    }
}
