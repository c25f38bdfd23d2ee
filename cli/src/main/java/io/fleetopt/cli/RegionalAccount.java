package io.fleetopt.cli;

import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.notifier.aws.CloudWatchAlarmPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real account across the regions of the command: each call goes to the region in the function's ARN
 * ({@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME}), to that region's Lambda adapter or CloudWatch alarms.
 * A function in another region is refused here, before any call (the guards refuse it first).
 */
final class RegionalAccount implements FunctionConfigurator, FunctionSettingsReader, AlarmPort {

    private final Map<String, LambdaFunctionConfigurator> configurators = new LinkedHashMap<>();
    private final Map<String, CloudWatchAlarmPort> alarmPorts = new LinkedHashMap<>();

    RegionalAccount(List<String> regions, List<LambdaFunctionConfigurator> configurators, List<CloudWatchAlarmPort> alarmPorts) {
        for (int i = 0; i < regions.size(); i++) {
            this.configurators.put(regions.get(i), configurators.get(i));
            this.alarmPorts.put(regions.get(i), alarmPorts.get(i));
        }
    }

    @Override
    public FunctionSettings read(String functionArn) {
        return in(configurators, functionArn).read(functionArn);
    }

    @Override
    public AccountConcurrency accountConcurrency(String functionArn) {
        return in(configurators, functionArn).accountConcurrency(functionArn);
    }

    @Override
    public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
        return in(configurators, functionArn).update(functionArn, kind, value, expectedRevisionId);
    }

    @Override
    public void putAlarm(GuardAlarm alarm) {
        in(alarmPorts, alarm.functionArn()).putAlarm(alarm);
    }

    @Override
    public List<GuardAlarm> alarms() {
        List<GuardAlarm> all = new ArrayList<>();
        alarmPorts.values().forEach(port -> all.addAll(port.alarms()));
        return all;
    }

    private static <T> T in(Map<String, T> byRegion, String functionArn) {
        String[] parts = functionArn.split(":", 7);
        T adapter = parts.length == 7 ? byRegion.get(parts[3]) : null;
        if (adapter == null) {
            throw new UsageException(functionArn + " is not a Lambda function ARN in " + String.join(", ", byRegion.keySet())
                    + " (add --region for its region)");
        }
        return adapter;
    }
}
