package io.fleetopt.core.port;

import io.fleetopt.core.model.LearnedResponses;

/** The learned responses in the artifact store: VerifyEarlierChanges writes them, Analyze reads them. */
public final class LearnedResponseStore {

    private final DocumentStore documents;

    public LearnedResponseStore(DocumentStore documents) {
        this.documents = documents;
    }

    /** What was learned so far; nothing before the first measurement. */
    public LearnedResponses load() {
        return documents.find(ArtifactKeys.learnedResponses(), LearnedResponses.class).orElse(LearnedResponses.none());
    }

    public void save(LearnedResponses responses) {
        documents.write(ArtifactKeys.learnedResponses(), responses);
    }
}
