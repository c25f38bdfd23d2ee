package io.fleetopt.cli;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * S3's REST protocol for the two calls the artifact store makes, PutObject and GetObject (NoSuchKey when missing),
 * on path-style URLs, keeping the objects in memory. A PutObject body in the SDK's aws-chunked encoding (its
 * checksum trailer) is decoded as S3 does.
 */
final class InMemoryS3 implements ResponseDefinitionTransformerV2 {

    static final String NAME = "in-memory-s3";

    private final Map<String, String> objects = new TreeMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The objects, by "bucket/key". */
    synchronized Map<String, String> objects() {
        return Map.copyOf(objects);
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = URI.create(request.getUrl()).getPath().substring(1);
        return switch (request.getMethod().value()) {
            case "PUT" -> {
                objects.put(path, decoded(request));
                yield responseDefinition().withStatus(200).withHeader("ETag", "\"" + Integer.toHexString(path.hashCode()) + "\"").build();
            }
            case "GET" -> objects.containsKey(path)
                    ? responseDefinition().withStatus(200).withHeader("Content-Type", "application/json").withBody(objects.get(path)).build()
                    : responseDefinition().withStatus(404).withHeader("Content-Type", "application/xml")
                    .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does "
                            + "not exist.</Message><Key>" + path + "</Key></Error>").build();
            default -> responseDefinition().withStatus(405).withBody("<Error><Code>MethodNotAllowed</Code></Error>").build();
        };
    }

    private static String decoded(Request request) {
        byte[] body = request.getBody();
        String encoding = request.containsHeader("Content-Encoding") ? request.getHeader("Content-Encoding") : "";
        if (!encoding.contains("aws-chunked") && !request.containsHeader("x-amz-decoded-content-length")) {
            return new String(body, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrLf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].strip(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break; // the trailers (x-amz-checksum-...) follow
            }
            out.write(body, at, size);
            at += size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfCrLf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("an aws-chunked body without a chunk header's end");
    }
}
