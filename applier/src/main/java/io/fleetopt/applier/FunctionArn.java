package io.fleetopt.applier;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An unqualified Lambda function ARN: arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME. */
record FunctionArn(String region, String account, String name) {

    private static final Pattern SHAPE = Pattern.compile(
            "arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([A-Za-z0-9_-]{1,140})");

    static Optional<FunctionArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(arn);
        return m.matches() ? Optional.of(new FunctionArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }
}
