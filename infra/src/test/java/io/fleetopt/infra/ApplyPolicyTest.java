package io.fleetopt.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApplyPolicyTest {

    private static App app(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).build());
    }

    @Test
    void withoutContextValuesTheDefaultsHold() {
        App app = app(Map.of());
        assertEquals(10, ApplyPolicy.toleratedFailurePercentage(app));
        assertEquals(5, ApplyPolicy.toleratedTargetFailurePercentage(app));
    }

    @Test
    void aWholeNumberFrom0To100IsTaken() {
        App app = app(Map.of("toleratedFailurePercentage", "0", "toleratedTargetFailurePercentage", " 50 "));
        assertEquals(0, ApplyPolicy.toleratedFailurePercentage(app));
        assertEquals(50, ApplyPolicy.toleratedTargetFailurePercentage(app));
    }

    @Test
    void anythingElseIsRefusedNamingTheValueAndTheKey() {
        assertEquals("context value toleratedTargetFailurePercentage is '12.5', not a whole number",
                assertThrows(IllegalArgumentException.class,
                        () -> ApplyPolicy.toleratedTargetFailurePercentage(app(Map.of("toleratedTargetFailurePercentage", "12.5")))).getMessage());
        assertEquals("context value toleratedTargetFailurePercentage: 101 must be 0 to 100",
                assertThrows(IllegalArgumentException.class,
                        () -> ApplyPolicy.toleratedTargetFailurePercentage(app(Map.of("toleratedTargetFailurePercentage", "101")))).getMessage());
        assertEquals("context value toleratedFailurePercentage is 'ten', not a whole number",
                assertThrows(IllegalArgumentException.class,
                        () -> ApplyPolicy.toleratedFailurePercentage(app(Map.of("toleratedFailurePercentage", "ten")))).getMessage());
    }
}
