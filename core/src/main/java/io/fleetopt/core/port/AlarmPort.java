package io.fleetopt.core.port;

import java.util.List;

/** CloudWatch alarms on functions, wired to the notification topic. */
public interface AlarmPort {

    /** Creates or updates the alarm of that name (idempotent). */
    void putAlarm(GuardAlarm alarm);

    List<GuardAlarm> alarms();
}
