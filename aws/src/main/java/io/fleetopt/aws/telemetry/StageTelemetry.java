package io.fleetopt.aws.telemetry;

import io.fleetopt.core.telemetry.JsonLogFormatter;
import io.fleetopt.core.telemetry.RunMetric;
import io.fleetopt.core.telemetry.StageContext;
import io.fleetopt.core.telemetry.StageLog;
import io.fleetopt.core.telemetry.StageMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import io.micronaut.function.aws.event.AfterExecutionEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What every stage handler gets, whoever wrote it, from the handler base Micronaut gives them all
 * ({@code MicronautRequestHandler} calls this before each invocation and publishes an {@link AfterExecutionEvent}
 * after it): the stage's context on every log line (stage, function ARN, request id, and the run id once known), a
 * JSON start and end line, and one CloudWatch EMF line of the invocation's metrics ({@link StageMetrics}: what its
 * documents say, its duration, whether it failed). The stage is {@code fleetopt.stage} (the CDK app sets
 * {@code FLEETOPT_STAGE} to the Task state's name), else the function's name. Not in the command line's context.
 */
@Context
@Replaces(DefaultDiagnosticInfoPopulator.class)
@Requires(notEnv = Environment.CLI)
// only in a stage's own context: not in the ones Micronaut Serde starts for a document codec
@Requires(property = "fleetopt.account")
public class StageTelemetry implements DiagnosticInfoPopulator, ApplicationEventListener<AfterExecutionEvent> {

    private final StageMetrics metrics;
    private final StageLog log;
    private final String configuredStage;
    private volatile StageContext current;
    private volatile Instant startedAt;

    public StageTelemetry(StageMetrics metrics, @Value("${fleetopt.stage:}") String configuredStage) {
        this(metrics, new StageLog(System.out), configuredStage);
        JulToJson.install(new JsonLogFormatter(() -> current), JsonLogFormatter.julLevel(System.getenv("AWS_LAMBDA_LOG_LEVEL")));
    }

    StageTelemetry(StageMetrics metrics, StageLog log, String configuredStage) {
        this.metrics = metrics;
        this.log = log;
        this.configuredStage = configuredStage;
    }

    @Override
    public void populateMappingDiagnosticContextValues(com.amazonaws.services.lambda.runtime.Context context) {
        metrics.drain();
        startedAt = Instant.now();
        current = new StageContext(stageOf(context), null, context == null ? null : context.getInvokedFunctionArn(),
                context == null ? null : context.getAwsRequestId());
        log.info(current, current.stage() + " started");
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        // the trace id is Lambda's own field in its JSON log format
    }

    @Override
    public void onApplicationEvent(AfterExecutionEvent event) {
        StageContext stage = current == null ? new StageContext(stageOf(event.getContext()), null, null, null) : current;
        String runId = event.isSuccess() ? RunIdOf.value(event.getOutput()) : null;
        stage = new StageContext(stage.stage(), runId, stage.functionArn(), stage.requestId());
        Instant now = Instant.now();
        long durationMs = startedAt == null ? 0 : Duration.between(startedAt, now).toMillis();
        metrics.record(RunMetric.STAGE_DURATION_MS, durationMs);
        metrics.record(RunMetric.STAGE_FAILED, event.isSuccess() ? 0 : 1);
        Map<RunMetric, Number> values = metrics.drain();
        if (event.isSuccess()) {
            log.info(stage, stage.stage() + " finished in " + durationMs + " ms");
        } else {
            log.error(stage, stage.stage() + " failed after " + durationMs + " ms: " + event.getException().getMessage(),
                    event.getException());
        }
        log.metrics(now, stage, values);
        current = null;
        startedAt = null;
    }

    @Override
    public boolean supports(AfterExecutionEvent event) {
        return true;
    }

    private String stageOf(com.amazonaws.services.lambda.runtime.Context context) {
        if (!configuredStage.isBlank()) {
            return configuredStage;
        }
        return context == null || context.getFunctionName() == null ? "unknown" : context.getFunctionName();
    }
}
