package io.fleetopt.analyzer.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * When Lambda managed runtimes reach end of support (deprecation, phase 1), from the "Lambda runtimes" page
 * of the AWS Lambda Developer Guide as read on {@link #AS_OF}. Runtimes not listed are not known to be deprecated.
 */
final class RuntimeDeprecations {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    private static final Map<String, LocalDate> DEPRECATED_ON = Map.ofEntries(
            Map.entry("nodejs12.x", LocalDate.of(2023, 3, 31)),
            Map.entry("nodejs14.x", LocalDate.of(2023, 12, 4)),
            Map.entry("nodejs16.x", LocalDate.of(2024, 6, 12)),
            Map.entry("nodejs18.x", LocalDate.of(2025, 9, 1)),
            Map.entry("nodejs20.x", LocalDate.of(2026, 4, 30)),
            Map.entry("nodejs22.x", LocalDate.of(2027, 4, 30)),
            Map.entry("python3.7", LocalDate.of(2023, 12, 4)),
            Map.entry("python3.8", LocalDate.of(2024, 10, 14)),
            Map.entry("python3.9", LocalDate.of(2025, 12, 15)),
            Map.entry("java8", LocalDate.of(2024, 1, 8)),
            Map.entry("go1.x", LocalDate.of(2024, 1, 8)),
            Map.entry("provided", LocalDate.of(2024, 1, 8)),
            Map.entry("ruby2.7", LocalDate.of(2023, 12, 7)),
            Map.entry("ruby3.2", LocalDate.of(2026, 3, 31)),
            Map.entry("dotnet6", LocalDate.of(2024, 12, 20)),
            Map.entry("dotnet8", LocalDate.of(2026, 11, 10)));

    private RuntimeDeprecations() {
    }

    static Optional<LocalDate> deprecatedOn(String runtime) {
        return Optional.ofNullable(DEPRECATED_ON.get(runtime));
    }
}
