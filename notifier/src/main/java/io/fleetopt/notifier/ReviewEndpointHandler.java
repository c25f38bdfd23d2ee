package io.fleetopt.notifier;

import io.fleetopt.notifier.approval.FormData;
import io.fleetopt.notifier.approval.FunctionUrlRequest;
import io.fleetopt.notifier.approval.FunctionUrlResponse;
import io.fleetopt.notifier.approval.HttpAnswer;
import io.fleetopt.notifier.approval.HttpCall;
import io.fleetopt.notifier.approval.ReviewEndpoint;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Lambda handler of the review endpoint behind a function URL (payload format 2.0): turns the event into an
 * {@link HttpCall} for {@link ReviewEndpoint}, the same code the local server runs, and its answer into the
 * function URL's response.
 */
public class ReviewEndpointHandler extends MicronautRequestHandler<FunctionUrlRequest, FunctionUrlResponse> {

    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    @Inject
    ReviewEndpoint endpoint;

    public ReviewEndpointHandler() {
    }

    public ReviewEndpointHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public FunctionUrlResponse execute(FunctionUrlRequest event) {
        FunctionUrlRequest.Http http = event.requestContext() == null ? null : event.requestContext().http();
        String method = http == null ? "GET" : http.method();
        String body = event.body();
        if (body != null && event.isBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        HttpAnswer answer = body != null && body.length() > MAX_BODY_BYTES
                ? new HttpAnswer(413, "<!doctype html><title>Too large</title><p>The request is too large. Nothing was changed.</p>")
                : endpoint.handle(new HttpCall(method, event.rawPath() == null ? "/" : event.rawPath(),
                        FormData.firstValues(event.rawQueryString()), body, http == null ? null : http.sourceIp(),
                        http == null ? null : http.userAgent()));
        return new FunctionUrlResponse(answer.status(), answer.headers(), "HEAD".equalsIgnoreCase(method) ? "" : answer.html(), false);
    }
}
