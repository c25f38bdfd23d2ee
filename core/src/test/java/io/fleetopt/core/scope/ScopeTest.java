package io.fleetopt.core.scope;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {

    @Test
    void everythingIsInScopeWithoutTagsOrPatterns() {
        assertEquals(Optional.empty(), Scope.everything().exclusionReason("any", Map.of()));
    }

    @Test
    void requiresEveryIncludeTag() {
        Scope scope = new Scope(List.of("team=payments", "env=prod"), List.of());
        assertEquals(Optional.empty(), scope.exclusionReason("f", Map.of("team", "payments", "env", "prod")));
        assertEquals(Optional.of("outside the configured scope (not tagged env=prod)"),
                scope.exclusionReason("f", Map.of("team", "payments", "env", "dev")));
    }

    @Test
    void matchesAnyNamePattern() {
        Scope scope = new Scope(List.of(), List.of("orders-*", "payments-*"));
        assertEquals(Optional.empty(), scope.exclusionReason("payments-webhook", Map.of()));
        assertTrue(scope.exclusionReason("cart-service", Map.of()).orElseThrow().contains("orders-*, payments-*"));
    }

    @Test
    void rejectsATagWithoutAValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Scope(List.of("team"), List.of()));
        assertEquals("scope tag 'team' must look like key=value", e.getMessage());
    }
}
