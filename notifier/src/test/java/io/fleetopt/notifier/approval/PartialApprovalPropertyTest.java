package io.fleetopt.notifier.approval;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.ApprovalOutput;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.notifier.approval.local.FilePendingApprovals;
import io.fleetopt.notifier.approval.local.LocalTask;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever subset of the changes the approver ticks, the run is resumed with exactly that subset, in the plan's order. */
class PartialApprovalPropertyTest {

    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final Plan PLAN = ReviewFixtures.plan("2026-11-02-prop", 5);
    private static final List<String> AWAITING = PLAN.applicableItems().stream().map(Recommendation::id).toList();
    private static final Instant NOW = Instant.parse("2026-11-02T07:00:00Z");
    private static final LinkSigner SIGNER = new LinkSigner("property-test-key-of-at-least-32-bytes".getBytes());

    @AfterContainer
    static void close() {
        CODEC.close();
    }

    @Provide
    Arbitrary<List<String>> tickedSubsets() {
        return Arbitraries.of(AWAITING).list().uniqueElements().ofMinSize(1).ofMaxSize(AWAITING.size());
    }

    @Property(tries = 40)
    void theRunGetsExactlyTheTickedChanges(@ForAll("tickedSubsets") List<String> ticked) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/partial-approval")), "run");
        DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), CODEC);
        documents.write(ArtifactKeys.plan(PLAN.runId()), PLAN);
        FilePendingApprovals approvals = new FilePendingApprovals(dir.resolve("approvals"), CODEC);
        LocalTask task = new LocalTask(dir.resolve("approvals"), CODEC);
        String token = task.startWaiting(PLAN.runId());
        approvals.open(new PendingApproval(PendingApproval.SCHEMA_VERSION, PLAN.runId(), ArtifactKeys.plan(PLAN.runId()), token,
                NOW, NOW.plusSeconds(3600), null));
        ReviewEndpoint endpoint = new ReviewEndpoint(SIGNER, approvals, task, documents, CODEC, Clock.fixed(NOW, ZoneOffset.UTC), "a");
        ReviewLink link = SIGNER.link(PLAN.runId(), NOW.plusSeconds(3600));
        Map<String, String> query = FormData.firstValues(link.pathAndQuery().substring(link.pathAndQuery().indexOf('?') + 1));
        String path = link.pathAndQuery().substring(0, link.pathAndQuery().indexOf('?'));
        String page = endpoint.handle(new HttpCall("GET", path, query, null, null, null)).html();
        StringBuilder form = new StringBuilder("csrf=" + enc(hidden(page, "csrf")) + "&planDigest=" + enc(hidden(page, "planDigest"))
                + "&approver=ana&decision=approve");
        ticked.forEach(id -> form.append("&item=").append(enc(id)));

        HttpAnswer answer = endpoint.handle(new HttpCall("POST", path, query, form.toString(), "127.0.0.1", "jqwik"));

        assertEquals(200, answer.status(), answer.html());
        Set<String> tickedSet = new HashSet<>(ticked);
        List<String> expected = AWAITING.stream().filter(tickedSet::contains).toList();
        ApprovalOutput output = CODEC.read(task.result(token).orElseThrow().output(), ApprovalOutput.class, "output");
        assertEquals(expected.size(), output.approvedCount());
        Decision decision = documents.read(output.decisionKey(), Decision.class, "decision");
        assertEquals(decision.approvedItemsKey(), output.approvedItemsKey());
        assertEquals(expected, decision.approvedItemIds());
        assertEquals(AWAITING.stream().filter(id -> !tickedSet.contains(id)).toList(), decision.rejectedItemIds());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no hidden " + name);
        }
        return m.group(1);
    }
}
