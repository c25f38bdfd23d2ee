package io.fleetopt.aws.telemetry;

import io.fleetopt.aws.AwsClients;
import io.fleetopt.aws.ClassPreloading;
import io.fleetopt.aws.SdkRequestPriming;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.telemetry.EmfLine;
import io.fleetopt.core.telemetry.JsonLogLine;
import io.fleetopt.core.telemetry.RunMetric;
import io.fleetopt.core.telemetry.StageContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import org.crac.Core;
import org.crac.Resource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * SnapStart's priming hook (CRaC {@code beforeCheckpoint}, which Lambda runs before it snapshots a published
 * version): runs the code every stage invocation runs and that calls no AWS service, so a restored function has it
 * loaded and linked: a run state through the document codec both ways, and a JSON log line and an EMF line built;
 * with the AWS adapters, the SDK's request path through every client the init built ({@link SdkRequestPriming}: its
 * requests go to a responder in this JVM and cannot reach AWS). Then it waits (up to {@link #PRELOADING_LIMIT}) for
 * the handler's {@link ClassPreloading} to finish, so the snapshot holds every class on the handler's list. No service
 * is called and nothing is written. Registered with the global CRaC context; on a JVM without CRaC only
 * tools/classlist calls it (to record what it loads), and SnapStart on Lambda.
 */
@Context
@Requires(notEnv = Environment.CLI)
// only in a stage's own context: not in the ones Micronaut Serde starts for a document codec
@Requires(property = "fleetopt.account")
public class SnapStartPriming implements Resource {

    static final Duration PRELOADING_LIMIT = Duration.ofSeconds(20);

    private final DocumentCodec codec;
    private final ClassPreloading preloading;
    private final AwsClients clients;
    private volatile SdkRequestPriming.Result sdkPriming;

    public SnapStartPriming(DocumentCodec codec, @Nullable ClassPreloading preloading, @Nullable AwsClients clients) {
        this.codec = codec;
        this.preloading = preloading;
        this.clients = clients;
        Core.getGlobalContext().register(this);
    }

    /** What the last priming's SDK requests did, or null before one (or with no SDK clients: the demo account). */
    public SdkRequestPriming.Result sdkPriming() {
        return sdkPriming;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        RunState state = new RunState("priming", "runs/priming/snapshot.json", "runs/priming/plan.json", null, null, 1, 1, 1,
                BigDecimal.ONE);
        codec.read(codec.writeLine(state), RunState.class, "priming");
        StageContext stage = new StageContext("priming", "priming", null, null);
        EmfLine.of(Instant.now(), stage, Map.of(RunMetric.STAGE_DURATION_MS, 1L));
        JsonLogLine.of(Instant.now(), "INFO", "priming", "priming", Map.of(), null);
        if (clients != null) {
            sdkPriming = SdkRequestPriming.prime(clients);
        }
        if (preloading != null) {
            try {
                preloading.awaitLoaded(PRELOADING_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing held across the snapshot needs renewing: the SDK clients re-resolve credentials per call
    }
}
