package io.fleetopt.core.scope;

import io.fleetopt.core.model.FunctionConfig;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which functions the optimizer may touch: all of {@code includeTags} ("key=value") and any of
 * {@code namePatterns} (globs; none means every name). The skip tag and the optimizer's own functions
 * are always out. The one place where that rule lives.
 */
@Serdeable
public record Scope(List<String> includeTags, List<String> namePatterns) {

    public static Scope everything() {
        return new Scope(List.of(), List.of());
    }

    public Scope {
        for (String tag : includeTags) {
            if (!tag.contains("=") || tag.startsWith("=")) {
                throw new IllegalArgumentException("scope tag '" + tag + "' must look like key=value");
            }
        }
    }

    /** Why a function is out of scope, or empty when the optimizer may change it. */
    public Optional<String> exclusionReason(String functionName, FunctionConfig config) {
        if (config.isOptimizersOwn()) {
            return Optional.of("the optimizer's own function");
        }
        if (config.taggedSkip()) {
            return Optional.of("tagged " + FunctionConfig.SKIP_TAG + "=true");
        }
        return exclusionReason(functionName, config.tags());
    }

    /** The scope test on name and tags alone (before a function's configuration is known). */
    public Optional<String> exclusionReason(String functionName, Map<String, String> tags) {
        for (String tag : includeTags) {
            String key = tag.substring(0, tag.indexOf('='));
            String value = tag.substring(tag.indexOf('=') + 1);
            if (!value.equals(tags.get(key))) {
                return Optional.of("outside the configured scope (not tagged " + tag + ")");
            }
        }
        if (!namePatterns.isEmpty() && namePatterns.stream().noneMatch(p -> matches(p, functionName))) {
            return Optional.of("outside the configured scope (name matches none of " + String.join(", ", namePatterns) + ")");
        }
        return Optional.empty();
    }

    private static boolean matches(String glob, String name) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return matcher.matches(Path.of(name));
    }
}
