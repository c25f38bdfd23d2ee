package io.fleetopt.aws;

import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.regions.ServiceMetadata;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;

/**
 * The two parts of a stage's first AWS SDK client that depend on no setting, made on a thread of their own from the
 * first line of the handler's init ({@link StageContextBuilder}) while its Micronaut context starts: the TLS trust
 * managers over the JDK's default trust store (its certificates parsed), which {@link AwsClients}' HTTP client then
 * uses, and the SDK's region and service metadata (the SDK builds it, once per JVM, for the first client of any
 * service). Each is a few hundred milliseconds of a cold start's CPU, spent here on the core the handler's thread
 * leaves idle.
 */
public final class SdkStartup implements TlsTrustManagersProvider {

    private final CompletableFuture<TrustManager[]> trustManagers = new CompletableFuture<>();

    private SdkStartup() {
    }

    public static SdkStartup start() {
        SdkStartup startup = new SdkStartup();
        Thread.ofPlatform().name("fleetopt-sdk-startup").daemon().start(startup::make);
        return startup;
    }

    private void make() {
        try {
            trustManagers.complete(defaultTrustManagers());
        } catch (GeneralSecurityException | RuntimeException e) {
            trustManagers.completeExceptionally(e);
        }
        // any service's name builds the metadata of all of them
        ServiceMetadata.of("s3");
    }

    /**
     * The JDK's default trust managers (what the SDK's HTTP clients use when given none), made here at the start; if
     * making them failed here, they are made again on the caller's thread, which fails the same way, with its cause.
     */
    @Override
    public TrustManager[] trustManagers() {
        try {
            return trustManagers.join();
        } catch (RuntimeException failedHere) {
            try {
                return defaultTrustManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's default TLS trust store could not be read: " + e.getMessage(), e);
            }
        }
    }

    private static TrustManager[] defaultTrustManagers() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return factory.getTrustManagers();
    }
}
