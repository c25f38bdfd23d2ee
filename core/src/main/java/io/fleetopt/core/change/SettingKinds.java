package io.fleetopt.core.change;

import io.fleetopt.core.model.RecommendationKind;

import java.util.List;
import java.util.Optional;

/**
 * The registry of change kinds the applier may make. The analyzer's rules, the applier, its AWS adapter, the demo
 * account and the guard alarms read it; infra grants the applier exactly {@link #iamActions()} (with
 * {@link #READ_ACTIONS}). Add a kind here and in {@link SettingKind}'s permits list.
 */
public final class SettingKinds {

    /**
     * What the applier reads before every change: the function, its tags (GetFunction omits them without ListTags),
     * and its log group's retention.
     */
    public static final List<String> READ_ACTIONS = List.of("lambda:GetFunction", "lambda:GetFunctionConfiguration",
            "lambda:ListTags", "logs:DescribeLogGroups");

    public static final List<SettingKind> ALL = List.of(new MemorySetting(), new TimeoutSetting(),
            new ReservedConcurrencySetting(), new LogRetentionSetting(), new TracingSetting());

    private SettingKinds() {
    }

    /** The applier's change kind for {@code kind}, or empty for a finding the owner acts on. */
    public static Optional<SettingKind> of(RecommendationKind kind) {
        return ALL.stream().filter(k -> k.kind() == kind).findFirst();
    }

    /** The change kind for {@code kind}; throws for a kind the applier does not change. */
    public static SettingKind require(RecommendationKind kind) {
        return of(kind).orElseThrow(() -> new IllegalArgumentException(kind.label() + " is not a setting the applier changes"));
    }

    /** The IAM actions of one kind's apply, or none for a finding. */
    public static List<String> iamActionsOf(RecommendationKind kind) {
        return of(kind).map(SettingKind::iamActions).orElse(List.of());
    }

    /** Every action the applier calls: the reads before each change and each kind's own, sorted and distinct. */
    public static List<String> iamActions() {
        return java.util.stream.Stream.concat(READ_ACTIONS.stream(), ALL.stream().flatMap(k -> k.iamActions().stream()))
                .distinct().sorted().toList();
    }
}
