package io.fleetopt.core.wiring;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Beans every stage shares, whatever account it runs against. */
@Factory
public class CoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DocumentCodec documentCodec() {
        return new DocumentCodec();
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
