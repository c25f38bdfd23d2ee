package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The NotifyFailure state's input: the run as far as it got, and the error and cause Step Functions caught. */
@Serdeable
public record FailureNotice(RunState run, @Nullable String error, @Nullable String cause) {
}
