package io.fleetopt.core.port;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One day of Lambda spend and the requests it paid for. */
public record DailyCost(LocalDate date, BigDecimal costUsd, long requests) {
}
