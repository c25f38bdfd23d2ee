package io.fleetopt.infra.e2e;

import io.fleetopt.infra.SynthesizedStack;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A synthesized role's Allow statements as moto evaluates identity policies: by action only (it takes every resource
 * but S3's as "*", and evaluates no conditions), so resources become "*", conditions and Deny statements are left out,
 * and the actions of CloudWatch and the tagging API are also given under the names moto checks them by (their signing
 * names, monitoring: and tagging:). See docs/emulator-gaps.md. The stages' roles and the member role get theirs so.
 */
final class MotoPolicy {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private MotoPolicy() {
    }

    static String of(List<Map<String, Object>> templateStatements) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> statement : templateStatements) {
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            Set<String> actions = new TreeSet<>(SynthesizedStack.actions(statement));
            for (String action : List.copyOf(actions)) {
                if (action.startsWith("cloudwatch:")) {
                    actions.add("monitoring:" + action.substring("cloudwatch:".length()));
                } else if (action.startsWith("tag:")) {
                    actions.add("tagging:" + action.substring("tag:".length()));
                }
            }
            statements.add(Map.of("Effect", "Allow", "Action", List.copyOf(actions), "Resource", "*"));
        }
        return json(Map.of("Version", "2012-10-17", "Statement", statements));
    }

    static String json(Object document) {
        try {
            return new String(JSON.writeValueAsBytes(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
