package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.port.AlarmPort;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.fleetopt.notifier.approval.TaskCallback;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class NotifierFactory {

    @Singleton
    WireAlarmsStage wireAlarmsStage(ChangeLedger ledger, ArtifactStore store, DocumentCodec codec, AlarmPort alarms) {
        return new WireAlarmsStage(ledger, new DocumentStore(store, codec), alarms);
    }

    @Singleton
    VerifyEarlierChangesStage verifyEarlierChangesStage(CostHistory costs, Clock clock, ChangeLedger ledger, ArtifactStore store,
                                                        DocumentCodec codec) {
        return new VerifyEarlierChangesStage(new SavingsVerifier(costs, clock), ledger, new DocumentStore(store, codec));
    }

    @Singleton
    NotifyStage notifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec,
                            @Value("${fleetopt.account-name:this account}") String account) {
        return new NotifyStage(sender, new DocumentStore(store, codec), account, "");
    }

    @Singleton
    RequestApprovalStage requestApprovalStage(NotifyStage notify, PendingApprovals approvals, LinkSigner signer, Clock clock,
                                              @Value("${fleetopt.approval.review-url:}") String reviewUrl) {
        if (!reviewUrl.startsWith("https://") && !reviewUrl.startsWith("http://127.0.0.1")) {
            throw new IllegalStateException("fleetopt.approval.review-url (environment variable FLEETOPT_APPROVAL_REVIEW_URL) is '"
                    + reviewUrl + "': it must be the review endpoint's https:// URL (or a http://127.0.0.1 one locally)");
        }
        return new RequestApprovalStage(notify, approvals, signer, reviewUrl, clock);
    }

    @Singleton
    ReviewEndpoint reviewEndpoint(LinkSigner signer, PendingApprovals approvals, TaskCallback tasks, ArtifactStore store,
                                  DocumentCodec codec, Clock clock, @Value("${fleetopt.account-name:this account}") String account) {
        return new ReviewEndpoint(signer, approvals, tasks, new DocumentStore(store, codec), codec, clock, account);
    }
}
