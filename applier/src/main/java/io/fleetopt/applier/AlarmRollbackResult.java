package io.fleetopt.applier;

import io.fleetopt.core.model.RollbackOutcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What the Rollback function did with one alarm state change, and whether it sent a notice. */
@Serdeable
public record AlarmRollbackResult(String alarmName, AlarmRollbackVerdict verdict, String detail, @Nullable String runId,
                                  @Nullable String functionArn, List<RollbackOutcome> items, boolean noticeSent) {

    static AlarmRollbackResult without(String alarmName, AlarmRollbackVerdict verdict, String detail, String runId, String functionArn) {
        return new AlarmRollbackResult(alarmName, verdict, detail, runId, functionArn, List.of(), false);
    }
}
