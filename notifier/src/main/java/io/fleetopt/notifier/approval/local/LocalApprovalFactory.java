package io.fleetopt.notifier.approval.local;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.notifier.approval.LinkSigner;
import io.fleetopt.notifier.approval.PendingApprovals;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * With {@code fleetopt.account=demo}, approvals are files in {@code fleetopt.state-dir}: {@code approvals/<runId>/}
 * and the link key {@code review-link.key} (0600).
 */
@Factory
@Requires(property = "fleetopt.account", value = "demo")
public class LocalApprovalFactory {

    private final Path stateDir;

    public LocalApprovalFactory(@Value("${fleetopt.state-dir:.fleetopt}") String stateDir) {
        this.stateDir = Path.of(stateDir);
    }

    public static Path approvalsDir(Path stateDir) {
        return stateDir.resolve("approvals");
    }

    public static Path keyFile(Path stateDir) {
        return stateDir.resolve("review-link.key");
    }

    @Singleton
    PendingApprovals pendingApprovals(DocumentCodec codec) {
        return new FilePendingApprovals(approvalsDir(stateDir), codec);
    }

    @Singleton
    LinkSigner linkSigner() {
        return new LinkSigner(LinkKeyFile.loadOrCreate(keyFile(stateDir)));
    }

    @Singleton
    LocalTask localTask(DocumentCodec codec) {
        return new LocalTask(approvalsDir(stateDir), codec);
    }
}
