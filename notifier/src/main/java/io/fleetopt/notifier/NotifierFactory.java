package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.core.annotation.Nullable;
import io.fleetopt.notifier.report.ReportLinks;
import io.fleetopt.notifier.report.ReportPublisher;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

@Factory
class NotifierFactory {

    @Singleton
    WireAlarmsStage wireAlarmsStage(ChangeLedger ledger, ArtifactStore store, DocumentCodec codec, AlarmPort alarms) {
        return new WireAlarmsStage(ledger, new DocumentStore(store, codec), alarms);
    }

    @Singleton
    VerifyEarlierChangesStage verifyEarlierChangesStage(CostHistory costs, FunctionUsageHistory usage,
                                                        @Nullable FunctionSettingsReader live, Pricing pricing,
                                                        @Value("${fleetopt.analyzer.price-overrides:}") String priceOverrides,
                                                        Clock clock, ChangeLedger ledger, ArtifactStore store, DocumentCodec codec) {
        DocumentStore documents = new DocumentStore(store, codec);
        SavingsVerifier verifier = new SavingsVerifier(costs, usage, live, pricing.withOverrides(entries(priceOverrides)),
                run -> documents.find(ArtifactKeys.snapshot(run), FleetSnapshot.class), clock);
        return new VerifyEarlierChangesStage(verifier, ledger, documents);
    }

    /** The plan's price overrides ("region:field=usd,..."), so savings are priced as the plan was. */
    private static List<String> entries(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    @Singleton
    NotifyStage notifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec, @Nullable ReportLinks links, Clock clock,
                            @Value("${fleetopt.account-name:this account}") String account) {
        // a deployed run's ledger is in DynamoDB, which the command line's rollback does not read (yet): no command to give
        ReportPublisher reports = links == null ? ReportPublisher.located(store, codec) : new ReportPublisher(store, codec, links);
        return new NotifyStage(sender, new DocumentStore(store, codec), account, null, reports, clock);
    }

    @Singleton
    RequestApprovalStage requestApprovalStage(NotifyStage notify, ArtifactStore store, DocumentCodec codec, Clock clock) {
        return new RequestApprovalStage(notify, new DocumentStore(store, codec), clock);
    }
}
