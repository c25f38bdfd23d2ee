package io.fleetopt.core.wiring;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Beans every stage shares, whatever account it runs against. */
@Factory
public class CoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DocumentCodec documentCodec() {
        return new DocumentCodec();
    }

    @Singleton
    Pricing pricing() {
        return Pricing.standard();
    }
}
