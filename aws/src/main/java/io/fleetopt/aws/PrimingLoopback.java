package io.fleetopt.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends a priming request ({@link SdkRequestPriming}'s, marked with {@link #PORT}) to the loopback responder on that
 * port instead of AWS, and refuses to transmit it anywhere else: the request is redirected after the SDK resolved its
 * endpoint and before it is signed, and checked again just before it is sent, so a request marked as priming can
 * never reach a service. Requests not marked pass untouched. Every client {@link AwsClients} builds has it.
 */
public final class PrimingLoopback implements ExecutionInterceptor {

    /** The loopback responder's port; set on a priming request only. */
    public static final ExecutionAttribute<Integer> PORT = new ExecutionAttribute<>("fleetopt.priming.loopback-port");
    static final String HOST = "127.0.0.1";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Integer port = attributes.getAttribute(PORT);
        if (port == null) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder().protocol("http").host(HOST).port(port).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer port = attributes.getAttribute(PORT);
        if (port != null && !(context.httpRequest().host().equals(HOST) && context.httpRequest().port() == port)) {
            throw new IllegalStateException("a priming request was about to go to " + context.httpRequest().host()
                    + ":" + context.httpRequest().port() + " instead of the loopback responder: not sent");
        }
    }

    static boolean isPriming(ExecutionAttributes attributes) {
        return attributes.getAttribute(PORT) != null;
    }
}
