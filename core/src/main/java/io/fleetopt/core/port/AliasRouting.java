package io.fleetopt.core.port;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where an alias sends its traffic: its version, and the extra versions that get a share ({@code weights}, 0..1).
 * Values only: the alias's revision id travels beside it ({@link AliasState}).
 */
@Serdeable
public record AliasRouting(String version, Map<String, Double> weights) {

    public AliasRouting {
        weights = Map.copyOf(weights);
    }

    public static AliasRouting to(String version) {
        return new AliasRouting(version, Map.of());
    }

    /** "7", "7 + 10 % to 8". */
    public String describe() {
        StringBuilder text = new StringBuilder(version);
        new TreeMap<>(weights).forEach((v, w) -> text.append(" + ").append(Math.round(w * 1000) / 10.0).append(" % to ").append(v));
        return text.toString().replace(".0 %", " %");
    }
}
