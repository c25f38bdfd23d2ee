package io.fleetopt.core.demo;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.FieldChecks;
import io.fleetopt.core.json.Validated;
import io.fleetopt.core.local.AtomicFiles;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.AliasRouter;
import io.fleetopt.core.port.AliasState;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.FleetSource;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.RevisionConflictException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo account's aliases, shaped like Lambda's alias and version calls (the {@link AliasRouter} port), kept in
 * their own file beside the account's ({@link #STATE_FILE}): three functions are invoked through an alias, one of them
 * with provisioned concurrency on it ({@code search-warm}) and one in the middle of a weighted deployment fleetopt did
 * not start, as CodeDeploy leaves it ({@code payments-webhook}). As a fleet source it is the demo account's, with
 * each function's qualifiers added: its alias, the versions the alias serves, the invocations through it (its share
 * of the function's), and provisioned concurrency by qualifier. The simulated metrics follow {@code $LATEST}'s
 * settings, whatever the alias serves.
 */
public final class DemoAliases implements AliasRouter, FleetSource {

    public static final String STATE_FILE = "demo-aliases.json";
    static final String CODE_SHA256 = "ZGVtby1jb2Rl";

    /** Everything the demo's aliases remember between runs. */
    @Serdeable
    public record State(int schemaVersion, List<DemoAlias> aliases) implements Validated {
        public static final int SCHEMA_VERSION = 1;

        @Override
        public void validate(FieldChecks checks) {
            checks.schemaVersion(schemaVersion, SCHEMA_VERSION);
            checks.notNull(aliases, "aliases");
        }
    }

    private final DemoAccount account;
    private final Path stateFile;
    private final DocumentCodec codec;
    private State state;

    private DemoAliases(DemoAccount account, Path stateFile, DocumentCodec codec, State state) {
        this.account = account;
        this.stateFile = stateFile;
        this.codec = codec;
        this.state = state;
    }

    /** Opens the demo account's aliases in {@code stateDir}, created with the account (and with {@code reset}). */
    public static DemoAliases open(DemoAccount account, Path stateDir, boolean reset, DocumentCodec codec) {
        Path file = stateDir.resolve(STATE_FILE);
        if (reset || !Files.exists(file)) {
            DemoAliases aliases = new DemoAliases(account, file, codec, fresh(account));
            aliases.save();
            return aliases;
        }
        try {
            return new DemoAliases(account, file, codec, codec.read(Files.readString(file, StandardCharsets.UTF_8), State.class, file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo account's aliases " + file, e);
        }
    }

    private static State fresh(DemoAccount account) {
        List<DemoAlias> aliases = new ArrayList<>();
        aliases.add(initial(account, "orders-api", "live", 0.97, Map.of(), null));
        aliases.add(initial(account, "search-warm", "live", 1.0, Map.of(), 20));
        // a CodeDeploy deployment in progress: 10 % to version 2, which fleetopt did not publish
        aliases.add(initial(account, "payments-webhook", "live", 1.0, Map.of("2", 0.1), null));
        return new State(State.SCHEMA_VERSION, List.copyOf(aliases));
    }

    private static DemoAlias initial(DemoAccount account, String function, String alias, double share,
                                     Map<String, Double> weights, @Nullable Integer provisioned) {
        FunctionSettings latest = account.read(DemoAccount.arnOf(function));
        List<PublishedVersion> versions = new ArrayList<>();
        versions.add(version("1", latest, "release 1"));
        if (!weights.isEmpty()) {
            versions.add(version("2", latest, "CodeDeploy deployment d-EXAMPLE"));
        }
        return new DemoAlias(function, alias, share, new AliasRouting("1", weights), 1, List.copyOf(versions),
                provisioned == null ? Map.of() : Map.of(alias, provisioned));
    }

    private static PublishedVersion version(String number, FunctionSettings latest, String description) {
        return new PublishedVersion(number, CODE_SHA256, latest.memoryMb(), latest.timeoutSeconds(), latest.tracingMode(), description);
    }

    /** The demo account's snapshot, with each function's qualifiers. */
    @Override
    public FleetSnapshot collect(CollectRequest request) {
        FleetSnapshot snapshot = account.collect(request);
        List<FunctionProfile> functions = new ArrayList<>();
        for (FunctionProfile f : snapshot.functions()) {
            functions.add(new FunctionProfile(f.arn(), f.name(), f.region(), f.config(), f.metrics(), f.warnings(), qualifiers(f)));
        }
        return new FleetSnapshot(snapshot.schemaVersion(), snapshot.runId(), snapshot.accountId(), snapshot.regions(),
                snapshot.lookbackDays(), snapshot.collectedAt(), snapshot.scope(), snapshot.accountConcurrency(),
                List.copyOf(functions), snapshot.warnings(), snapshot.collectionCost());
    }

    private FunctionQualifiers qualifiers(FunctionProfile function) {
        List<FunctionAlias> aliases = new ArrayList<>();
        List<PublishedVersion> versions = new ArrayList<>();
        for (DemoAlias a : state.aliases()) {
            if (DemoAccount.arnOf(a.functionName()).equals(function.arn())) {
                aliases.add(new FunctionAlias(a.alias(), a.route().version(), a.route().weights(),
                        a.provisionedByQualifier().get(a.alias()), Math.round(function.metrics().invocations() * a.trafficShare()),
                        a.revisionId()));
                a.versions().stream().filter(v -> v.version().equals(a.route().version()) || a.route().weights().containsKey(v.version()))
                        .forEach(versions::add);
            }
        }
        return new FunctionQualifiers(List.copyOf(aliases), List.copyOf(versions), "None", CODE_SHA256, List.of());
    }

    @Override
    public AliasState alias(String functionArn, String alias) {
        DemoAlias a = find(functionArn, alias);
        return new AliasState(a.alias(), a.route(), a.revisionId());
    }

    @Override
    public String publish(String functionArn, String expectedCodeSha256, String expectedRevisionId, String description) {
        FunctionSettings latest = account.read(functionArn);
        if (!CODE_SHA256.equals(expectedCodeSha256) || !latest.revisionId().equals(expectedRevisionId)) {
            throw new RevisionConflictException(functionArn, expectedRevisionId, latest.revisionId());
        }
        List<DemoAlias> changed = new ArrayList<>();
        String published = null;
        for (DemoAlias a : state.aliases()) {
            if (DemoAccount.arnOf(a.functionName()).equals(functionArn)) {
                PublishedVersion newest = a.versions().getLast();
                PublishedVersion candidate = version(String.valueOf(Integer.parseInt(newest.version()) + 1), latest, description);
                // as Lambda: nothing changed since the latest version, no new one
                if (newest.memoryMb() == candidate.memoryMb() && newest.timeoutSeconds() == candidate.timeoutSeconds()
                        && newest.tracingMode().equals(candidate.tracingMode())) {
                    published = newest.version();
                    changed.add(a);
                } else {
                    List<PublishedVersion> versions = new ArrayList<>(a.versions());
                    versions.add(candidate);
                    published = candidate.version();
                    changed.add(a.withVersions(versions));
                }
            } else {
                changed.add(a);
            }
        }
        if (published == null) {
            throw new FunctionNotFoundException(functionArn);
        }
        replace(changed);
        return published;
    }

    @Override
    public AliasState route(String functionArn, String alias, AliasRouting route, String expectedAliasRevisionId) {
        DemoAlias a = find(functionArn, alias);
        if (!a.revisionId().equals(expectedAliasRevisionId)) {
            throw new RevisionConflictException(functionArn + ":" + alias, expectedAliasRevisionId, a.revisionId());
        }
        if (!route.weights().isEmpty() && a.provisionedByQualifier().containsKey(alias)) {
            // as Lambda answers it
            throw new ChangeFailedException("ResourceConflictException", "Alias with weights can not be used with Provisioned Concurrency",
                    false, null);
        }
        DemoAlias moved = a.routed(route);
        update(moved);
        return new AliasState(alias, route, moved.revisionId());
    }

    @Override
    public @Nullable Integer provisionedConcurrency(String functionArn, String qualifier) {
        return aliasesOf(functionArn).getFirst().provisionedByQualifier().get(qualifier);
    }

    @Override
    public void provision(String functionArn, String qualifier, int concurrency) {
        DemoAlias a = aliasesOf(functionArn).getFirst();
        Map<String, Integer> provisioned = new HashMap<>(a.provisionedByQualifier());
        provisioned.put(qualifier, concurrency);
        update(a.withProvisioned(provisioned));
    }

    @Override
    public void unprovision(String functionArn, String qualifier) {
        DemoAlias a = aliasesOf(functionArn).getFirst();
        Map<String, Integer> provisioned = new HashMap<>(a.provisionedByQualifier());
        provisioned.remove(qualifier);
        update(a.withProvisioned(provisioned));
    }

    /** The aliases of every demo function, as they are now. */
    public List<DemoAlias> aliases() {
        return state.aliases();
    }

    private List<DemoAlias> aliasesOf(String functionArn) {
        List<DemoAlias> found = state.aliases().stream().filter(a -> DemoAccount.arnOf(a.functionName()).equals(functionArn)).toList();
        if (found.isEmpty()) {
            throw new FunctionNotFoundException(functionArn);
        }
        return found;
    }

    private DemoAlias find(String functionArn, String alias) {
        return aliasesOf(functionArn).stream().filter(a -> a.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new FunctionNotFoundException(functionArn + ":" + alias));
    }

    private void update(DemoAlias changed) {
        replace(state.aliases().stream().map(a -> a.functionName().equals(changed.functionName()) && a.alias().equals(changed.alias())
                ? changed : a).toList());
    }

    private void replace(List<DemoAlias> aliases) {
        state = new State(state.schemaVersion(), List.copyOf(aliases));
        save();
    }

    private void save() {
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            AtomicFiles.write(stateFile, codec.write(state));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the demo account's aliases " + stateFile, e);
        }
    }
}
