package io.fleetopt.core.demo;

import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.AtomicFiles;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.CollectionCost;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.FleetSource;
import io.fleetopt.core.port.FunctionConfigurator;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionTrafficReader;
import io.fleetopt.core.port.AliasRoute;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.FunctionCosts;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.port.RevisionConflictException;
import io.fleetopt.core.pricing.Pricing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in demo account: a simulated AWS account with a fleet of about 30 Lambda functions, hourly
 * metrics and a daily cost history that follows the changes made to it. It remembers its state in
 * {@code demo-account.json} in the state folder and keeps its own calendar: each weekly run moves it a
 * week on, so earlier changes can be checked against the cost they really saved.
 */
public final class DemoAccount implements FleetSource, FunctionConfigurator, FunctionSettingsReader, FunctionTrafficReader,
        FunctionUsageHistory, CostHistory, AlarmPort {

    /** How the demo's cost history says it reads the cost: it is simulated, and makes no Cost Explorer calls. */
    public static final String COST_SOURCE = "the demo's simulated cost history";
    public static final String COST_LEVEL = "the demo account's simulated daily Lambda cost (no Cost Explorer calls)";

    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "us-east-1";
    public static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);
    public static final String STATE_FILE = "demo-account.json";
    private static final DateTimeFormatter LAMBDA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'");

    private final Path stateFile;
    private final DocumentCodec codec;
    private final Pricing pricing = Pricing.standard();
    private DemoState state;
    private final DemoMetrics metrics;

    private DemoAccount(Path stateFile, DocumentCodec codec, DemoState state) {
        this.stateFile = stateFile;
        this.codec = codec;
        this.state = state;
        this.metrics = new DemoMetrics(state.seed());
    }

    /** Opens the demo account in {@code stateDir}, creating it on first use or when {@code reset} is set. */
    public static DemoAccount open(Path stateDir, boolean reset, DocumentCodec codec) {
        Path file = stateDir.resolve(STATE_FILE);
        if (reset || !Files.exists(file)) {
            DemoAccount account = new DemoAccount(file, codec, fresh(DemoFleet.DEFAULT_SEED));
            account.save();
            return account;
        }
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return new DemoAccount(file, codec, codec.read(json, DemoState.class, file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo account " + file, e);
        }
    }

    private static DemoState fresh(long seed) {
        List<DemoFunction> functions = DemoFleet.generate(seed).stream().map(DemoFunction::created).toList();
        return new DemoState(DemoState.SCHEMA_VERSION, seed, FIRST_DAY, functions, List.of(), List.of());
    }

    /**
     * The demo account's calendar: its current day at 06:00 UTC, when the weekly schedule fires. The clock reads the
     * calendar each time, so it follows {@link #advanceWeek()}.
     */
    public Clock clock() {
        return new CalendarClock();
    }

    private final class CalendarClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
            return state.today().atTime(6, 0).toInstant(ZoneOffset.UTC);
        }
    }

    public LocalDate today() {
        return state.today();
    }

    /** Moves the calendar a week on, as between two weekly runs. */
    public void advanceWeek() {
        state = new DemoState(state.schemaVersion(), state.seed(), state.today().plusWeeks(1), state.functions(), state.changes(),
                state.alarms());
        save();
    }

    public static String arnOf(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public FleetSnapshot collect(CollectRequest request) {
        List<FunctionProfile> profiles = new ArrayList<>();
        if (request.regions().contains(REGION)) {
            LocalDate from = state.today().minusDays(request.lookbackDays());
            for (DemoFunction function : state.functions()) {
                profiles.add(profile(function, from));
            }
        }
        return new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, request.runId(), ACCOUNT_ID, request.regions(),
                request.lookbackDays(), clock().instant(), request.scope(), accountConcurrency(),
                profiles, List.of(), new CollectionCost(Map.of("demo", 1L), 0, 0));
    }

    private FunctionProfile profile(DemoFunction function, LocalDate from) {
        DemoFunctionSpec spec = function.spec();
        LocalDate firstDayWithData = state.today().minusDays(spec.daysOfData());
        FunctionMetrics window = metrics.window(function, from, state.today(), firstDayWithData, this::settingsOn);
        FunctionConfig config = new FunctionConfig(spec.runtime(), spec.architecture(), function.memoryMb(),
                function.timeoutSeconds(), function.reservedConcurrency(), spec.provisionedConcurrency(),
                function.tracingMode(), spec.deadLetterTargetArn(), null, "/aws/lambda/" + spec.name(),
                function.logRetentionDays(), spec.logStoredBytes(), spec.tags(),
                spec.tags().get("aws:cloudformation:stack-name"), revisionId(function),
                lastModified(function, firstDayWithData), List.of());
        return new FunctionProfile(arnOf(spec.name()), spec.name(), REGION, config, window, List.of());
    }

    /** Lambda's LastModified: the last change to the function's configuration, else the day it was created. */
    private String lastModified(DemoFunction function, LocalDate created) {
        LocalDateTime at = created.atStartOfDay();
        for (DemoChange change : state.changes()) {
            if (change.functionName().equals(function.name()) && change.kind().carriesRevisionId()) {
                at = change.date().atTime(6, 0);
            }
        }
        return at.format(LAMBDA_TIMESTAMP);
    }

    @Override
    public FunctionSettings read(String functionArn) {
        return settings(find(functionArn));
    }

    /** The demo's functions have no aliases: each is invoked on $LATEST, so every change reaches its traffic. */
    @Override
    public List<AliasRoute> aliases(String functionArn) {
        find(functionArn);
        return List.of();
    }

    @Override
    public AccountConcurrency accountConcurrency(String functionArn) {
        return accountConcurrency();
    }

    /** Lambda's default limit of 1,000, less what the functions reserve. */
    private AccountConcurrency accountConcurrency() {
        int reserved = state.functions().stream()
                .mapToInt(f -> f.reservedConcurrency() == null ? 0 : f.reservedConcurrency()).sum();
        return new AccountConcurrency(1000, 1000 - reserved);
    }

    @Override
    public FunctionSettings update(String functionArn, RecommendationKind kind, String value, String expectedRevisionId) {
        DemoFunction function = find(functionArn);
        SettingKind setting = SettingKinds.require(kind);
        Optional<String> limit = setting.limitProblem(value);
        if (limit.isPresent()) {
            // as Lambda and CloudWatch Logs answer a value outside their limits: refused, nothing changed
            throw new ChangeFailedException("InvalidParameterValueException", limit.get(), false, null);
        }
        if (setting.carriesRevisionId() && !revisionId(function).equals(expectedRevisionId)) {
            throw new RevisionConflictException(functionArn, expectedRevisionId, revisionId(function));
        }
        String before = settings(function).valueOf(kind);
        DemoFunction changed = with(function, kind, value);
        if (setting.carriesRevisionId()) {
            changed = new DemoFunction(changed.spec(), changed.memoryMb(), changed.timeoutSeconds(),
                    changed.reservedConcurrency(), changed.tracingMode(), changed.logRetentionDays(), changed.revision() + 1);
        }
        List<DemoFunction> functions = new ArrayList<>(state.functions());
        functions.set(functions.indexOf(function), changed);
        List<DemoChange> changes = new ArrayList<>(state.changes());
        changes.add(new DemoChange(state.today(), function.name(), kind, before, value));
        state = new DemoState(state.schemaVersion(), state.seed(), state.today(), List.copyOf(functions), List.copyOf(changes),
                state.alarms());
        save();
        return settings(changed);
    }

    @Override
    public void putAlarm(GuardAlarm alarm) {
        List<GuardAlarm> alarms = new ArrayList<>(state.alarms().stream().filter(a -> !a.name().equals(alarm.name())).toList());
        alarms.add(alarm);
        state = new DemoState(state.schemaVersion(), state.seed(), state.today(), state.functions(), state.changes(),
                List.copyOf(alarms));
        save();
    }

    @Override
    public List<GuardAlarm> alarms() {
        return state.alarms();
    }

    /**
     * Its guard alarms evaluated against its own metrics over [from, toExclusive) ({@link DemoAlarmEvaluator}): the
     * state changes into ALARM, as CloudWatch would report them. The command line calls it when {@link #advanceWeek()}
     * has moved the calendar over the week.
     */
    public List<io.fleetopt.core.port.AlarmStateChange> evaluateGuardAlarms(LocalDate from, LocalDate toExclusive) {
        return new DemoAlarmEvaluator((name, date) -> state.functions().stream().filter(f -> f.name().equals(name)).findFirst()
                .filter(f -> !date.isBefore(state.today().minusDays(f.spec().daysOfData())))
                .map(f -> metrics.day(settingsOn(f, date), date))).evaluate(state.alarms(), from, toExclusive);
    }


    @Override
    public LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive) {
        return new LambdaCosts(dailyCosts(from, toExclusive), 0, COST_SOURCE, COST_LEVEL, null);
    }

    /** The simulated account keeps each function's cost, as an account with resource-level data does. */
    @Override
    public FunctionCosts lambdaCostByFunction(DateRange days, Map<String, Map<String, String>> tagsByArn) {
        Map<String, BigDecimal> costs = new java.util.LinkedHashMap<>();
        for (DemoFunction function : state.functions()) {
            BigDecimal cost = BigDecimal.ZERO;
            for (LocalDate date = days.from(); date.isBefore(days.toExclusive()); date = date.plusDays(1)) {
                if (date.isBefore(state.today().minusDays(function.spec().daysOfData()))) {
                    continue;
                }
                DemoFunction asOfThatDay = settingsOn(function, date);
                DemoMetrics.DayUsage usage = metrics.day(asOfThatDay, date);
                cost = cost.add(pricing.computeUsd(usage.invocations(), usage.averageDurationMs(), asOfThatDay.memoryMb(),
                        function.spec().architecture())).add(pricing.requestsUsd(usage.invocations()));
            }
            costs.put(arnOf(function.name()), Pricing.cents(cost));
        }
        return new FunctionCosts(Map.copyOf(costs), 0, FunctionCosts.BY_RESOURCE, null);
    }

    /** Each function's usage as its metrics show it, with the settings it had each day. */
    @Override
    public List<FunctionUsage> usage(List<String> functionArns, DateRange days) {
        List<FunctionUsage> out = new ArrayList<>();
        for (String arn : functionArns) {
            DemoFunction function = state.functions().stream().filter(f -> arnOf(f.name()).equals(arn)).findFirst().orElse(null);
            if (function == null) {
                out.add(FunctionUsage.none(arn, days));
                continue;
            }
            LocalDate firstDayWithData = state.today().minusDays(function.spec().daysOfData());
            LocalDate to = days.toExclusive().isAfter(state.today()) ? state.today() : days.toExclusive();
            FunctionMetrics window = metrics.window(function, days.from(), to, firstDayWithData, this::settingsOn);
            out.add(new FunctionUsage(arn, days, (int) window.daily().stream().filter(d -> d.invocations() > 0).count(),
                    window.invocations(), window.durationAvgMs(), window.durationP50Ms(), window.durationP99Ms()));
        }
        return out;
    }

    private List<DailyCost> dailyCosts(LocalDate from, LocalDate toExclusive) {
        List<DailyCost> days = new ArrayList<>();
        for (LocalDate date = from; date.isBefore(toExclusive); date = date.plusDays(1)) {
            BigDecimal cost = BigDecimal.ZERO;
            long requests = 0;
            for (DemoFunction function : state.functions()) {
                if (date.isBefore(state.today().minusDays(function.spec().daysOfData()))) {
                    continue;
                }
                DemoFunction asOfThatDay = settingsOn(function, date);
                DemoMetrics.DayUsage usage = metrics.day(asOfThatDay, date);
                requests += usage.invocations();
                cost = cost.add(pricing.computeUsd(usage.invocations(), usage.averageDurationMs(), asOfThatDay.memoryMb(),
                        function.spec().architecture())).add(pricing.requestsUsd(usage.invocations()));
                if (function.spec().provisionedConcurrency() != null) {
                    cost = cost.add(pricing.provisionedMonthlyUsd(function.spec().provisionedConcurrency(),
                            asOfThatDay.memoryMb()).divide(BigDecimal.valueOf(Pricing.DAYS_PER_MONTH), java.math.MathContext.DECIMAL64));
                }
            }
            days.add(new DailyCost(date, Pricing.cents(cost), requests));
        }
        return days;
    }

    /** The function as it was configured on {@code date}: later changes are undone. */
    private DemoFunction settingsOn(DemoFunction current, LocalDate date) {
        DemoFunction function = current;
        List<DemoChange> changes = state.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            DemoChange change = changes.get(i);
            if (change.functionName().equals(current.name()) && change.date().isAfter(date)) {
                function = with(function, change.kind(), change.before());
            }
        }
        return function;
    }

    /** {@code f} with one setting at {@code value}, as the setting's kind writes it (its revision as it was). */
    private static DemoFunction with(DemoFunction f, RecommendationKind kind, String value) {
        FunctionSettings written = SettingKinds.require(kind).withValue(settings(f), value);
        return new DemoFunction(f.spec(), written.memoryMb(), written.timeoutSeconds(), written.reservedConcurrency(),
                written.tracingMode(), written.logRetentionDays(), f.revision());
    }

    private DemoFunction find(String functionArn) {
        return state.functions().stream().filter(f -> arnOf(f.name()).equals(functionArn)).findFirst()
                .orElseThrow(() -> new FunctionNotFoundException(functionArn));
    }

    private static FunctionSettings settings(DemoFunction f) {
        return new FunctionSettings(arnOf(f.name()), revisionId(f), f.memoryMb(), f.timeoutSeconds(),
                f.reservedConcurrency(), f.tracingMode(), f.logRetentionDays(), f.spec().tags());
    }

    private static String revisionId(DemoFunction f) {
        return UUID.nameUUIDFromBytes((f.name() + "#" + f.revision()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void save() {
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            AtomicFiles.write(stateFile, codec.write(state));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the demo account " + stateFile, e);
        }
    }
}
