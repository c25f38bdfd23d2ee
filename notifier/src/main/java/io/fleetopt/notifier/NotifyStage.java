package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactStore;
import io.fleetopt.core.port.MessageSender;

/** The notifier's states: RequestApproval, NotifyNoChanges, NotifySummary, NotifyFailure, NotifyExpired, NotifyRejected. */
public final class NotifyStage {

    private final MessageSender sender;
    private final ArtifactStore store;
    private final DocumentCodec codec;
    private final String account;

    public NotifyStage(MessageSender sender, ArtifactStore store, DocumentCodec codec, String account) {
        this.sender = sender;
        this.store = store;
        this.codec = codec;
        this.account = account;
    }

    public RunState requestApproval(RunState state, String howToDecide) {
        sender.send(Messages.approvalRequest(plan(state), account, howToDecide));
        return state;
    }

    public RunState notifyNoChanges(RunState state) {
        sender.send(Messages.noChanges(plan(state), account));
        return state;
    }

    public RunState notifySummary(RunState state) {
        ApplyResult result = read(state.resultKey(), ApplyResult.class, "resultKey", state);
        sender.send(Messages.summary(plan(state), result, account));
        return state;
    }

    /** A stage failed: who reads this learns which run, the error and its cause; the run then fails. */
    public RunState notifyFailure(FailureNotice notice) {
        sender.send(Messages.failure(notice.run().runId(), notice.error(), notice.cause(), account));
        return notice.run();
    }

    /** Nobody decided within the approval timeout: nothing was changed. */
    public RunState notifyExpired(RunState state) {
        sender.send(Messages.expired(plan(state), account));
        return state;
    }

    /** The approver approved nothing: nothing was changed. */
    public RunState notifyRejected(RunState state) {
        sender.send(Messages.rejected(plan(state), account));
        return state;
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
