package io.fleetopt.core.json;

import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.FleetSnapshot;
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
        p.schemaVersion(s.schemaVersion(), FleetSnapshot.SCHEMA_VERSION);
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
            p.require(digest.matches("sha256:[0-9a-f]{64}"), field, "is '" + digest + "', expected sha256: and 64 hex digits");
        }
    }

    private void decision(Decision d, Problems p) {
        p.schemaVersion(d.schemaVersion(), Decision.SCHEMA_VERSION);
        p.notBlank(d.runId(), "runId");
        p.notBlank(d.planDigest(), "planDigest");
        if (d.planDigest() != null && !d.planDigest().isBlank()) {
            p.require(d.planDigest().matches("sha256:[0-9a-f]{64}"), "planDigest",
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
