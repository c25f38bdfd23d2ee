package io.fleetopt.collector;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.CollectTarget;
import io.fleetopt.core.model.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListTargetsStageTest {

    private final DocumentCodec codec = new DocumentCodec();
    private final OrganizationSettings organization = new OrganizationSettings(List.of(), "", "fleetopt-member", "ext");

    @Test
    void writesOneItemPerAccountAndRegionAsJsonLinesEachWithItsMemberRole(@TempDir Path dir) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        ListTargetsStage stage = new ListTargetsStage(() -> List.of("210987654321", "333344445555", "210987654321"),
                organization, store, codec);

        TargetList list = stage.run(RunState.start("2026-11-02-org"), List.of("us-east-1", "eu-west-1"), "aws");

        assertEquals(4, list.targetCount(), "a repeated account is listed once");
        assertEquals("runs/2026-11-02-org/targets.jsonl", list.targetsKey());
        assertEquals("runs/2026-11-02-org/target-results", list.resultPrefix());
        List<String> lines = store.get(list.targetsKey()).orElseThrow().lines().toList();
        assertEquals(4, lines.size());
        CollectTarget first = codec.read(lines.get(0), CollectTarget.class, "line 1");
        assertEquals(new CollectTarget("210987654321", "us-east-1", "arn:aws:iam::210987654321:role/fleetopt-member"), first);
        assertEquals(new CollectTarget("333344445555", "eu-west-1", "arn:aws:iam::333344445555:role/fleetopt-member"),
                codec.read(lines.get(3), CollectTarget.class, "line 4"));
    }

    @Test
    void aMalformedAccountIdFailsNamingItAndWritesNothing(@TempDir Path dir) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        ListTargetsStage stage = new ListTargetsStage(() -> List.of("210987654321", "12345"), organization, store, codec);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stage.run(RunState.start("r1"), List.of("us-east-1"), "aws"));

        assertTrue(e.getMessage().contains("12345") && e.getMessage().contains("12-digit"), e.getMessage());
        assertTrue(store.get("runs/r1/targets.jsonl").isEmpty());
    }

    @Test
    void noMemberAccountsIsAnErrorThatSaysHowToNameThem(@TempDir Path dir) {
        ListTargetsStage stage = new ListTargetsStage(List::of, organization, new DirectoryArtifactStore(dir), codec);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stage.run(RunState.start("r1"), List.of("us-east-1"), "aws"));
        assertTrue(e.getMessage().contains("fleetopt.organization.member-accounts"), e.getMessage());
    }
}
