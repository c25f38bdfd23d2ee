import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The least a cold start on the AWS path costs in this JVM whatever fleetopt does: the AWS SDK v2 alone, no
 * Micronaut, no fleetopt class. In a fresh JVM (started like {@link ColdStartProbe}, through a class loader like
 * Lambda's over a stage's unpacked jar), it builds one S3 client the way fleetopt's AwsClients does (the
 * URL-connection HTTP client, a region, static credentials, an endpoint override, path-style addressing) and sends
 * one GetObject, which a responder on 127.0.0.1 in this JVM, started before the clock, answers with a 2-byte body.
 * Prints one JSON line: the client's build, the first call, their sum, and the classes loaded.
 *
 * <p>Usage: {@code java -cp LAUNCH_DIR CustomerClassLoaderLaunch STAGE_CLASSPATH PROBE_DIR} (no arguments of its own).
 */
public final class SdkFloorProbe {

    public static void main(String[] args) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread responder = new Thread(() -> answer(server), "floor-responder");
        responder.setDaemon(true);
        responder.start();

        long t0 = System.nanoTime();
        S3Client s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIDFLOOR", "floor", "floor")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .forcePathStyle(true)
                .build();
        long t1 = System.nanoTime();
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket("floor").key("runs/floor.json"));
        long t2 = System.nanoTime();
        if (!object.asUtf8String().equals("{}")) {
            throw new IllegalStateException("the responder's body did not come back: " + object.asUtf8String());
        }
        System.out.printf("{\"floor\":true,\"buildMs\":%d,\"firstCallMs\":%d,\"buildPlusFirstCallMs\":%d,\"classesLoaded\":%d}%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        System.exit(0);
    }

    /** Answers every request with 200 and {@code {}}, reading its head (a GetObject has no body). */
    private static void answer(ServerSocket server) {
        while (true) {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // the request's head, up to its blank line
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (Exception e) {
                return;
            }
        }
    }
}
