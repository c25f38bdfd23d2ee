package io.fleetopt.notifier;

import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.MessageSender;

/** The NotifyIndexedPlan state: reads the run's index and sends its one message ({@link IndexedPlanMessage}). */
public final class NotifyIndexedPlanStage {

    private final MessageSender sender;
    private final DocumentStore documents;

    public NotifyIndexedPlanStage(MessageSender sender, DocumentStore documents) {
        this.sender = sender;
        this.documents = documents;
    }

    public RunState run(RunState state) {
        String key = ArtifactKeys.index(state.runId());
        RunIndex index = documents.read(key, RunIndex.class, "run index");
        sender.send(IndexedPlanMessage.of(index, documents.locate(key), documents::locate));
        return state;
    }
}
