package io.fleetopt.applier.aws;

import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.AliasState;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.RevisionConflictException;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The alias router on AWS: GetAlias, PublishVersion with the CodeSha256 and RevisionId it must match, UpdateAlias with
 * the alias's RevisionId, and provisioned concurrency by qualifier (Get, Put and then polled until READY, Delete).
 * Failures are typed where they are caught, as the configurator types them: a guard that no longer holds
 * (PreconditionFailedException) is a revision conflict; throttling, a conflicting update (ResourceConflictException,
 * e.g. provisioned concurrency still being allocated) and service errors are transient; the rest permanent.
 */
public final class LambdaAliasRouter implements AliasRouter {

    /** Every action this adapter calls. */
    public static final List<String> IAM_ACTIONS = List.of("lambda:GetAlias", "lambda:PublishVersion", "lambda:UpdateAlias",
            "lambda:GetProvisionedConcurrencyConfig", "lambda:PutProvisionedConcurrencyConfig",
            "lambda:DeleteProvisionedConcurrencyConfig");

    private final LambdaClient lambda;
    private final LambdaFunctionConfigurator.UpdateWait wait;

    public LambdaAliasRouter(LambdaClient lambda, LambdaFunctionConfigurator.UpdateWait wait) {
        this.lambda = lambda;
        this.wait = wait;
    }

    @Override
    public AliasState alias(String functionArn, String alias) {
        return call(functionArn, () -> {
            GetAliasResponse a = lambda.getAlias(r -> r.functionName(functionArn).name(alias));
            return new AliasState(a.name(), route(a.functionVersion(), a.routingConfig()), a.revisionId());
        });
    }

    @Override
    public String publish(String functionArn, String expectedCodeSha256, String expectedRevisionId, String description) {
        return call(functionArn, () -> lambda.publishVersion(r -> r.functionName(functionArn).codeSha256(expectedCodeSha256)
                .revisionId(expectedRevisionId).description(description)).version());
    }

    @Override
    public AliasState route(String functionArn, String alias, AliasRouting route, String expectedAliasRevisionId) {
        return call(functionArn, () -> {
            UpdateAliasResponse a = lambda.updateAlias(r -> r.functionName(functionArn).name(alias).functionVersion(route.version())
                    .routingConfig(c -> c.additionalVersionWeights(route.weights())).revisionId(expectedAliasRevisionId));
            return new AliasState(a.name(), route(a.functionVersion(), a.routingConfig()), a.revisionId());
        });
    }

    @Override
    public @Nullable Integer provisionedConcurrency(String functionArn, String qualifier) {
        return call(functionArn, () -> {
            try {
                return lambda.getProvisionedConcurrencyConfig(r -> r.functionName(functionArn).qualifier(qualifier))
                        .requestedProvisionedConcurrentExecutions();
            } catch (ProvisionedConcurrencyConfigNotFoundException e) {
                return null;
            }
        });
    }

    @Override
    public void provision(String functionArn, String qualifier, int concurrency) {
        call(functionArn, () -> {
            lambda.putProvisionedConcurrencyConfig(r -> r.functionName(functionArn).qualifier(qualifier)
                    .provisionedConcurrentExecutions(concurrency));
            for (int attempt = 0; ; attempt++) {
                GetProvisionedConcurrencyConfigResponse config = lambda.getProvisionedConcurrencyConfig(
                        r -> r.functionName(functionArn).qualifier(qualifier));
                if (config.status() == ProvisionedConcurrencyStatusEnum.READY) {
                    return null;
                }
                if (config.status() == ProvisionedConcurrencyStatusEnum.FAILED) {
                    throw new IllegalStateException("provisioned concurrency of " + functionArn + ":" + qualifier + " failed: "
                            + config.statusReason());
                }
                if (attempt + 1 >= wait.maxAttempts()) {
                    throw new IllegalStateException("provisioned concurrency of " + functionArn + ":" + qualifier
                            + " was not ready after " + wait.maxAttempts() + " checks");
                }
                wait.pause(attempt);
            }
        });
    }

    @Override
    public void unprovision(String functionArn, String qualifier) {
        call(functionArn, () -> {
            try {
                lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName(functionArn).qualifier(qualifier));
            } catch (ProvisionedConcurrencyConfigNotFoundException e) {
                // none: nothing to remove
            }
            return null;
        });
    }

    private static AliasRouting route(String version, @Nullable AliasRoutingConfiguration routing) {
        Map<String, Double> weights = routing == null || !routing.hasAdditionalVersionWeights() ? Map.of()
                : routing.additionalVersionWeights();
        return new AliasRouting(version, weights);
    }

    private static <T> T call(String functionArn, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            throw new FunctionNotFoundException(functionArn);
        } catch (PreconditionFailedException e) {
            throw new RevisionConflictException(functionArn, "the code and revision checked", "a newer one");
        } catch (SdkException e) {
            throw LambdaFunctionConfigurator.typed(e);
        }
    }
}
