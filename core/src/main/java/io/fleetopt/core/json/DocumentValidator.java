package io.fleetopt.core.json;

import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.DigestFormat;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.PublishedVersion;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionEvidence;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a parsed document's values; every problem names its field ("items[2].kind: is missing").
 * Documents without rules here (results, reports written by fleetopt itself) are only parsed strictly.
 */
public final class DocumentValidator {

    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10_240;
    public static final int MAX_TIMEOUT_SECONDS = 900;

    public void validate(Object document, String source) {
        Problems problems = new Problems();
        switch (document) {
            case FleetSnapshot snapshot -> snapshot(snapshot, problems);
            case Plan plan -> plan(plan, problems);
            case Decision decision -> decision(decision, problems);
            case ItemLine line -> itemLine(line, problems);
            case FunctionEvidence evidence -> evidence(evidence, problems);
            case Validated validated -> validated.validate(new FieldChecks(problems));
            default -> { }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(source + ": " + String.join("; ", problems.list()));
        }
    }

    private void snapshot(FleetSnapshot s, Problems p) {
        p.schemaVersion(s.schemaVersion(), FleetSnapshot.OLDEST_READABLE_SCHEMA_VERSION, FleetSnapshot.SCHEMA_VERSION);
        p.notBlank(s.runId(), "runId");
        p.noNulls(s.regions(), "regions");
        p.require(s.lookbackDays() >= 1, "lookbackDays", "is " + s.lookbackDays() + ", must be at least 1");
        p.notNull(s.collectedAt(), "collectedAt");
        p.notNull(s.scope(), "scope");
        p.notNull(s.accountConcurrency(), "accountConcurrency");
        p.noNulls(s.warnings(), "warnings");
        p.noNulls(s.functions(), "functions");
        if (s.functions() == null) {
            return;
        }
        for (int i = 0; i < s.functions().size(); i++) {
            FunctionProfile f = s.functions().get(i);
            if (f != null) {
                profile(f, "functions[" + i + "]", p);
                if (s.schemaVersion() < FleetSnapshot.SCHEMA_VERSION) {
                    p.require(f.qualifiers() == null, "functions[" + i + "].qualifiers",
                            "is not part of schema version " + s.schemaVersion());
                }
            }
        }
    }

    private void profile(FunctionProfile f, String at, Problems p) {
        p.notBlank(f.arn(), at + ".arn");
        p.notBlank(f.name(), at + ".name");
        p.notBlank(f.region(), at + ".region");
        p.noNulls(f.warnings(), at + ".warnings");
        FunctionConfig c = f.config();
        p.notNull(c, at + ".config");
        if (c != null) {
            p.notBlank(c.runtime(), at + ".config.runtime");
            p.notBlank(c.architecture(), at + ".config.architecture");
            p.between(c.memoryMb(), MIN_MEMORY_MB, MAX_MEMORY_MB, at + ".config.memoryMb");
            p.between(c.timeoutSeconds(), 1, MAX_TIMEOUT_SECONDS, at + ".config.timeoutSeconds");
            p.notBlank(c.tracingMode(), at + ".config.tracingMode");
            p.notBlank(c.revisionId(), at + ".config.revisionId");
            p.notNull(c.tags(), at + ".config.tags");
            p.noNulls(c.unknownFields(), at + ".config.unknownFields");
            if (c.reservedConcurrency() != null) {
                p.require(c.reservedConcurrency() >= 0, at + ".config.reservedConcurrency", "must not be negative");
            }
            if (c.logRetentionDays() != null) {
                p.require(c.logRetentionDays() > 0, at + ".config.logRetentionDays", "must be positive (null means never expires)");
            }
        }
        if (f.qualifiers() != null) {
            qualifiers(f.qualifiers(), at + ".qualifiers", p);
        }
        FunctionMetrics m = f.metrics();
        p.notNull(m, at + ".metrics");
        if (m != null) {
            p.require(m.daysWithData() >= 0, at + ".metrics.daysWithData", "must not be negative");
            p.require(m.invocations() >= 0, at + ".metrics.invocations", "must not be negative");
            p.notNull(m.memorySource(), at + ".metrics.memorySource");
            p.noNulls(m.daily(), at + ".metrics.daily");
            if (m.maxMemoryUsedMb() != null) {
                p.require(m.maxMemoryUsedMb() > 0, at + ".metrics.maxMemoryUsedMb", "must be positive");
            }
        }
    }

    private void qualifiers(FunctionQualifiers q, String at, Problems p) {
        p.noNulls(q.aliases(), at + ".aliases");
        p.noNulls(q.versions(), at + ".versions");
        p.noNulls(q.unknownFields(), at + ".unknownFields");
        if (q.aliases() != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < q.aliases().size(); i++) {
                FunctionAlias a = q.aliases().get(i);
                if (a == null) {
                    continue;
                }
                String alias = at + ".aliases[" + i + "]";
                p.notBlank(a.name(), alias + ".name");
                p.require(a.name() == null || names.add(a.name()), alias + ".name", "'" + a.name() + "' appears twice");
                p.notBlank(a.functionVersion(), alias + ".functionVersion");
                p.notBlank(a.revisionId(), alias + ".revisionId");
                p.notNull(a.additionalVersionWeights(), alias + ".additionalVersionWeights");
                if (a.additionalVersionWeights() != null) {
                    a.additionalVersionWeights().forEach((version, weight) -> p.require(weight != null && weight >= 0 && weight <= 1,
                            alias + ".additionalVersionWeights." + version, "is " + weight + ", must be between 0 and 1"));
                }
                if (a.provisionedConcurrency() != null) {
                    p.require(a.provisionedConcurrency() >= 0, alias + ".provisionedConcurrency", "must not be negative");
                }
                if (a.invocations() != null) {
                    p.require(a.invocations() >= 0, alias + ".invocations", "must not be negative");
                }
            }
        }
        if (q.versions() != null) {
            for (int i = 0; i < q.versions().size(); i++) {
                PublishedVersion v = q.versions().get(i);
                if (v != null) {
                    String version = at + ".versions[" + i + "]";
                    p.notBlank(v.version(), version + ".version");
                    p.notBlank(v.codeSha256(), version + ".codeSha256");
                    p.between(v.memoryMb(), MIN_MEMORY_MB, MAX_MEMORY_MB, version + ".memoryMb");
                    p.between(v.timeoutSeconds(), 1, MAX_TIMEOUT_SECONDS, version + ".timeoutSeconds");
                }
            }
        }
    }

    private void plan(Plan plan, Problems p) {
        p.schemaVersion(plan.schemaVersion(), Plan.SCHEMA_VERSION);
        p.notBlank(plan.runId(), "runId");
        p.notNull(plan.createdAt(), "createdAt");
        p.notNull(plan.totals(), "totals");
        p.noNulls(plan.skipped(), "skipped");
        p.noNulls(plan.warnings(), "warnings");
        p.noNulls(plan.items(), "items");
        if (plan.items() == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        List<Recommendation> items = plan.items();
        for (int i = 0; i < items.size(); i++) {
            Recommendation r = items.get(i);
            if (r == null) {
                continue;
            }
            String at = "items[" + i + "]";
            p.require(r.id() == null || ids.add(r.id()), at + ".id", "'" + r.id() + "' appears twice");
            item(r, at, p);
        }
    }

    private void item(Recommendation r, String at, Problems p) {
        p.notBlank(r.id(), at + ".id");
        p.notBlank(r.functionArn(), at + ".functionArn");
        p.notBlank(r.functionName(), at + ".functionName");
        p.notNull(r.kind(), at + ".kind");
        p.notNull(r.risk(), at + ".risk");
        p.notNull(r.action(), at + ".action");
        p.notBlank(r.rationale(), at + ".rationale");
        p.notNull(r.monthlySavingUsd(), at + ".monthlySavingUsd");
        p.notBlank(r.proposedValue(), at + ".proposedValue");
        p.noNulls(r.assumptions(), at + ".assumptions");
        p.noNulls(r.warnings(), at + ".warnings");
        if (r.kind() != null && r.kind().isSetting() && r.action() == io.fleetopt.core.model.Action.APPLY) {
            p.notBlank(r.currentValue(), at + ".currentValue");
            p.notBlank(r.plannedRevisionId(), at + ".plannedRevisionId");
            checkSettingValue(r, at, p);
        }
    }

    private void checkSettingValue(Recommendation r, String at, Problems p) {
        String value = r.proposedValue();
        if (value == null) {
            return;
        }
        switch (r.kind()) {
            case MEMORY -> integer(value, MIN_MEMORY_MB, MAX_MEMORY_MB, at + ".proposedValue", p);
            case TIMEOUT -> integer(value, 1, MAX_TIMEOUT_SECONDS, at + ".proposedValue", p);
            case RESERVED_CONCURRENCY -> {
                if (!"none".equals(value)) {
                    integer(value, 0, 1_000_000, at + ".proposedValue", p);
                }
            }
            case LOG_RETENTION -> {
                if (!"never".equals(value)) {
                    integer(value, 1, 3653, at + ".proposedValue", p);
                }
            }
            case TRACING -> p.require(value.equals("Active") || value.equals("PassThrough"), at + ".proposedValue",
                    "is '" + value + "', must be Active or PassThrough");
            default -> { }
        }
    }

    private static void integer(String value, long min, long max, String field, Problems p) {
        try {
            p.between(Long.parseLong(value), min, max, field);
        } catch (NumberFormatException e) {
            p.require(false, field, "is '" + value + "', must be a whole number");
        }
    }

    private void itemLine(ItemLine line, Problems p) {
        p.schemaVersion(line.schemaVersion(), ItemLine.SCHEMA_VERSION);
        p.notBlank(line.runId(), "runId");
        digest(line.planDigest(), "planDigest", p);
        digest(line.itemDigest(), "itemDigest", p);
        p.notNull(line.item(), "item");
        if (line.item() != null) {
            item(line.item(), "item", p);
        }
    }

    private void evidence(FunctionEvidence e, Problems p) {
        p.schemaVersion(e.schemaVersion(), FunctionEvidence.SCHEMA_VERSION);
        p.notBlank(e.runId(), "runId");
        p.notNull(e.collectedAt(), "collectedAt");
        p.notNull(e.profile(), "profile");
        if (e.profile() != null) {
            profile(e.profile(), "profile", p);
        }
    }

    private static void digest(String digest, String field, Problems p) {
        p.notBlank(digest, field);
        if (digest != null && !digest.isBlank()) {
            p.require(DigestFormat.isWellFormed(digest), field, "is '" + digest + "', expected sha256: and 64 hex digits");
        }
    }

    private void decision(Decision d, Problems p) {
        p.schemaVersion(d.schemaVersion(), Decision.SCHEMA_VERSION);
        p.notBlank(d.runId(), "runId");
        p.notBlank(d.planDigest(), "planDigest");
        if (d.planDigest() != null && !d.planDigest().isBlank()) {
            p.require(DigestFormat.isWellFormed(d.planDigest()), "planDigest",
                    "is '" + d.planDigest() + "', expected sha256: and 64 hex digits");
        }
        p.noNulls(d.approvedItemIds(), "approvedItemIds");
        if (d.approvedItemsDigest() != null) {
            digest(d.approvedItemsDigest(), "approvedItemsDigest", p);
        }
        p.noNulls(d.rejectedItemIds(), "rejectedItemIds");
        p.notBlank(d.approver(), "approver");
        p.notNull(d.decidedAt(), "decidedAt");
        if (d.approvedItemIds() != null && d.rejectedItemIds() != null) {
            for (String id : d.approvedItemIds()) {
                p.require(!d.rejectedItemIds().contains(id), "approvedItemIds", "'" + id + "' is also rejected");
            }
        }
    }
}
