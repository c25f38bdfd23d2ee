package io.fleetopt.notifier.approval;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body (or query string): each name with its values in order. */
public record FormData(Map<String, List<String>> values) {

    public static FormData parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** A query string's parameters, the first value of each. */
    public static java.util.Map<String, String> firstValues(String encoded) {
        Map<String, String> first = new LinkedHashMap<>();
        parse(encoded).values().forEach((name, all) -> first.put(name, all.get(0)));
        return first;
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? null : all.get(0);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
