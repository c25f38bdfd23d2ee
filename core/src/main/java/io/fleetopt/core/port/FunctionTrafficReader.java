package io.fleetopt.core.port;

import java.util.List;

/**
 * Reads where a function's invocations are routed, and nothing else: its aliases and the published versions they
 * point to. The savings check uses it to see a change that never reached traffic (an alias pinned to a version
 * published before the change keeps running the old settings).
 */
public interface FunctionTrafficReader {

    /** The function's aliases with their versions; empty when it has none. Throws {@link FunctionNotFoundException} when it is gone. */
    List<AliasRoute> aliases(String functionArn);
}
