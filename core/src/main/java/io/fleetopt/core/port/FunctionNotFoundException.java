package io.fleetopt.core.port;

/** The function no longer exists. */
public class FunctionNotFoundException extends RuntimeException {

    public FunctionNotFoundException(String functionArn) {
        super("function not found: " + functionArn);
    }
}
