package io.fleetopt.notifier.approval;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fleetopt.aws.AwsClientSettings;
import io.fleetopt.aws.AwsClients;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.approval.local.FilePendingApprovals;
import io.fleetopt.notifier.aws.StepFunctionsTaskCallback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A run waiting for approval, for the review endpoint's tests: a generated plan in a folder artifact store, the
 * pending approval in files, and the endpoint answering the task through Step Functions' real SDK client pointed
 * at a WireMock server that speaks its protocol (AWS JSON 1.0: POST / with X-Amz-Target AWSStepFunctions.*).
 */
final class ReviewFixture implements AutoCloseable {

    static final String RUN_ID = "2026-11-02-review";
    static final String TASK_TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAd-secret-task-token";
    static final Instant REQUESTED_AT = Instant.parse("2026-11-02T06:10:00Z");
    static final Duration TIMEOUT = Duration.ofHours(72);
    static final String ACCOUNT = "123456789012";

    /** A clock the test moves on (to let links expire). */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final DocumentCodec codec = new DocumentCodec();
    final DirectoryArtifactStore store;
    final DocumentStore documents;
    final FilePendingApprovals approvals;
    final LinkSigner signer = new LinkSigner("0123456789abcdef0123456789abcdef-test-key".getBytes());
    final MovableClock clock = new MovableClock(REQUESTED_AT.plusSeconds(60));
    final AwsClients clients;
    final SfnClient sfn;
    final ReviewEndpoint endpoint;
    final Plan plan;
    final PendingApproval pending;

    ReviewFixture(Path dir, WireMockExtension stepFunctions, Plan plan, List<String> autoApplied) {
        this.store = new DirectoryArtifactStore(dir.resolve("artifacts"));
        this.documents = new DocumentStore(store, codec);
        this.approvals = new FilePendingApprovals(dir.resolve("approvals"), codec);
        this.plan = plan;
        documents.write(ArtifactKeys.plan(plan.runId()), plan);
        // what AutoApply's decision approved by policy: the page reads it by the key the pending approval keeps
        String autoDecisionKey = null;
        if (!autoApplied.isEmpty()) {
            autoDecisionKey = ArtifactKeys.autoDecision(plan.runId());
            documents.write(autoDecisionKey, io.fleetopt.core.model.Decision.of(plan, autoApplied, List.of(),
                    "AUTO (policy: auto-approved LOW risk)", REQUESTED_AT));
        }
        this.pending = new PendingApproval(PendingApproval.SCHEMA_VERSION, plan.runId(), ArtifactKeys.plan(plan.runId()),
                TASK_TOKEN, REQUESTED_AT, REQUESTED_AT.plus(TIMEOUT), autoDecisionKey);
        approvals.open(pending);
        this.clients = new AwsClients(new AwsClientSettings("us-east-1", null, URI.create(stepFunctions.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTESTTEST", "test-secret")),
                Duration.ofSeconds(20)));
        this.sfn = clients.build(SfnClient.builder());
        this.endpoint = new ReviewEndpoint(signer, approvals, new StepFunctionsTaskCallback(sfn), documents, codec, clock,
                ACCOUNT);
    }

    /** Another run of the same plan waiting with its own task token, until {@code expiresAt}; returns its link. */
    ReviewLink openAnother(String runId, String taskToken, Instant expiresAt) {
        Plan other = new Plan(plan.schemaVersion(), runId, plan.createdAt(), plan.items(), plan.skipped(), plan.totals(), plan.warnings());
        documents.write(ArtifactKeys.plan(runId), other);
        approvals.open(new PendingApproval(PendingApproval.SCHEMA_VERSION, runId, ArtifactKeys.plan(runId), taskToken,
                expiresAt.minus(TIMEOUT), expiresAt, null));
        return signer.link(runId, expiresAt);
    }

    ReviewLink link() {
        return signer.link(plan.runId(), pending.expiresAt());
    }

    @Override
    public void close() {
        clients.close();
        codec.close();
    }

    // --- Step Functions on the wire

    static WireMockExtension stepFunctionsServer() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    }

    static final String HEARTBEAT = "AWSStepFunctions.SendTaskHeartbeat";
    static final String SUCCESS = "AWSStepFunctions.SendTaskSuccess";
    static final String FAILURE = "AWSStepFunctions.SendTaskFailure";

    static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-RequestId", "8f7e6d5c-0000-1111-2222-333344445555").withBody("{}");
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-RequestId", "8f7e6d5c-0000-1111-2222-333344445556")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** Every call of the three operations answers 200 (the task is waiting). */
    static void taskWaits(WireMockExtension server) {
        for (String target : List.of(HEARTBEAT, SUCCESS, FAILURE)) {
            server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)).willReturn(ok()));
        }
    }

    /** The bodies of the calls of {@code target}, in order. */
    static List<String> calls(WireMockExtension server, String target) {
        return server.getAllServeEvents().reversed().stream()
                .filter(e -> target.equals(e.getRequest().getHeader("X-Amz-Target")))
                .map(e -> e.getRequest().getBodyAsString()).toList();
    }

    static Plan plan(String runId, int functions) {
        return ReviewFixtures.plan(runId, functions);
    }
}
