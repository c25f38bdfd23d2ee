package io.fleetopt.core.port;

/** Reads a function's live settings, and nothing else (the savings check uses it to see drift). */
public interface FunctionSettingsReader {

    /** The live settings; throws {@link FunctionNotFoundException} when the function is gone. */
    FunctionSettings read(String functionArn);
}
