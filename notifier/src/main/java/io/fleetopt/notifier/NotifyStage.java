package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.MessageSender;

/** The notifier's states: RequestApproval, NotifyNoChanges and NotifySummary. */
public final class NotifyStage {

    private final MessageSender sender;
    private final ArtifactStore store;
    private final DocumentCodec codec;
    private final String account;
    private final String cliAccountFlags;

    /** {@code cliAccountFlags} go into the commands the messages suggest (e.g. "--demo" locally). */
    public NotifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec, String account, String cliAccountFlags) {
        this.sender = sender;
        this.store = store;
        this.codec = codec;
        this.account = account;
        this.cliAccountFlags = cliAccountFlags;
    }

    public RunState requestApproval(RunState state, String howToDecide) {
        sender.send(Messages.approvalRequest(plan(state), account, howToDecide));
        return state;
    }

    public RunState notifyNoChanges(RunState state) {
        sender.send(Messages.noChanges(plan(state), account, savings(state)));
        return state;
    }

    public RunState notifySummary(RunState state) {
        ApplyResult result = read(state.resultKey(), ApplyResult.class, "resultKey", state);
        String rollback = ("fleetopt rollback " + cliAccountFlags + " --run " + state.runId()).replaceAll(" +", " ");
        sender.send(Messages.summary(plan(state), result, account, savings(state), rollback));
        return state;
    }

    /** The realized savings VerifyEarlierChanges kept for this run, if it ran. */
    private SavingsReport savings(RunState state) {
        String key = ArtifactKeys.savings(state.runId());
        return store.get(key).map(json -> codec.read(json, SavingsReport.class, store.locate(key))).orElse(null);
    }

    private Plan plan(RunState state) {
        return read(state.planKey(), Plan.class, "planKey", state);
    }

    private <T> T read(String key, Class<T> type, String field, RunState state) {
        if (key == null) {
            throw new IllegalArgumentException("run " + state.runId() + " has no " + field);
        }
        String json = store.get(key).orElseThrow(() -> new IllegalArgumentException(store.locate(key) + " does not exist"));
        return codec.read(json, type, store.locate(key));
    }
}
