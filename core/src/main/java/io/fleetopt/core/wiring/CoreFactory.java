package io.fleetopt.core.wiring;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.pricing.Pricing;
import io.fleetopt.core.telemetry.StageMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Beans every stage shares, whatever account it runs against. */
@Factory
public class CoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DocumentCodec documentCodec(StageMetrics metrics, ObjectMapper mapper, SerializationConfiguration serialization,
                                DeserializationConfiguration deserialization) {
        return new DocumentCodec(mapper, serialization, deserialization, metrics::documentWritten);
    }

    /** The metrics of the stage invocation under way, taken from the documents it writes. */
    @Singleton
    StageMetrics stageMetrics() {
        return new StageMetrics();
    }

    /** Real time everywhere but on the demo account, which keeps its own calendar. */
    @Singleton
    @Requires(property = "fleetopt.account", notEquals = "demo")
    Clock systemClock() {
        return Clock.systemUTC();
    }

    @Singleton
    Pricing pricing() {
        return Pricing.standard();
    }
}
