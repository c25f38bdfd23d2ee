package io.fleetopt.cli;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * S3's REST protocol for the calls the artifact store and the run listing make, PutObject, GetObject (NoSuchKey when
 * missing) and ListObjectsV2 (prefix, delimiter, max-keys and continuation tokens; S3's page is at most 1,000 keys, less
 * where a test says so), on path-style URLs, keeping the objects and their LastModified in memory. A PutObject body in
 * the SDK's aws-chunked encoding (its checksum trailer) is decoded as S3 does.
 */
final class InMemoryS3 implements ResponseDefinitionTransformerV2 {

    static final String NAME = "in-memory-s3";

    private final Map<String, String> objects = new TreeMap<>();
    private final Map<String, Instant> lastModified = new TreeMap<>();
    private Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private int pageSize = 1000;

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

    /** Stores an object as a PutObject would (a fixture the test writes without a call). */
    synchronized void put(String bucketKey, String content) {
        objects.put(bucketKey, content);
        clock = clock.plusSeconds(1);
        lastModified.put(bucketKey, clock);
    }

    /** Sets an object's LastModified (S3 gives it whole seconds in a listing), as if it had been written then. */
    synchronized void lastModified(String bucketKey, Instant at) {
        if (!objects.containsKey(bucketKey)) {
            throw new IllegalArgumentException("no object " + bucketKey + " in " + objects.keySet());
        }
        lastModified.put(bucketKey, at);
    }

    /** At most this many keys and common prefixes on one ListObjectsV2 page. */
    synchronized void pageSize(int keys) {
        pageSize = keys;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = URI.create(request.getUrl()).getPath().substring(1);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.contains("/") && request.getMethod().value().equals("GET") && request.queryParameter("list-type").isPresent()) {
            return listObjectsV2(path, request);
        }
        return switch (request.getMethod().value()) {
            case "PUT" -> {
                objects.put(path, decoded(request));
                clock = clock.plusSeconds(1); // one write a second, so that the order of writes is the order of LastModified
                lastModified.put(path, clock);
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

    /** ListObjectsV2: the keys under the prefix, those past a delimiter rolled up as common prefixes, one page. */
    private ResponseDefinition listObjectsV2(String bucket, Request request) {
        String prefix = parameter(request, "prefix", "");
        String delimiter = parameter(request, "delimiter", "");
        int maxKeys = Math.min(pageSize, Integer.parseInt(parameter(request, "max-keys", "1000")));
        String token = parameter(request, "continuation-token", null);
        String after = token == null ? "" : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        TreeSet<String> entries = new TreeSet<>(); // keys, and common prefixes ending with the delimiter
        for (String bucketKey : objects.keySet()) {
            if (!bucketKey.startsWith(bucket + "/")) {
                continue;
            }
            String key = bucketKey.substring(bucket.length() + 1);
            if (!key.startsWith(prefix)) {
                continue;
            }
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            entries.add(cut < 0 ? key : key.substring(0, cut + delimiter.length()));
        }
        List<String> page = new ArrayList<>();
        for (String entry : entries) {
            if (entry.compareTo(after) > 0 && page.size() < maxKeys) {
                page.add(entry);
            }
        }
        boolean truncated = !page.isEmpty() && entries.last().compareTo(page.getLast()) > 0;
        boolean urlEncoded = "url".equals(parameter(request, "encoding-type", ""));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.append("<Name>").append(bucket).append("</Name><Prefix>").append(encoded(prefix, urlEncoded)).append("</Prefix>")
                .append("<KeyCount>").append(page.size()).append("</KeyCount><MaxKeys>").append(maxKeys).append("</MaxKeys>");
        if (!delimiter.isEmpty()) {
            xml.append("<Delimiter>").append(encoded(delimiter, urlEncoded)).append("</Delimiter>");
        }
        if (urlEncoded) {
            xml.append("<EncodingType>url</EncodingType>");
        }
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (token != null) {
            xml.append("<ContinuationToken>").append(token).append("</ContinuationToken>");
        }
        if (truncated) {
            xml.append("<NextContinuationToken>")
                    .append(Base64.getUrlEncoder().encodeToString(page.getLast().getBytes(StandardCharsets.UTF_8)))
                    .append("</NextContinuationToken>");
        }
        for (String entry : page) {
            if (!delimiter.isEmpty() && entry.endsWith(delimiter) && !objects.containsKey(bucket + "/" + entry)) {
                xml.append("<CommonPrefixes><Prefix>").append(encoded(entry, urlEncoded)).append("</Prefix></CommonPrefixes>");
            } else {
                String bucketKey = bucket + "/" + entry;
                xml.append("<Contents><Key>").append(encoded(entry, urlEncoded)).append("</Key><LastModified>")
                        .append(lastModified.get(bucketKey).truncatedTo(ChronoUnit.SECONDS)).append("</LastModified><ETag>&quot;")
                        .append(Integer.toHexString(bucketKey.hashCode())).append("&quot;</ETag><Size>")
                        .append(objects.get(bucketKey).getBytes(StandardCharsets.UTF_8).length)
                        .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            }
        }
        xml.append("</ListBucketResult>");
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/xml").withBody(xml.toString()).build();
    }

    private static String parameter(Request request, String name, String otherwise) {
        var parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : otherwise;
    }

    private static String encoded(String text, boolean urlEncoded) {
        return urlEncoded ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2F", "/") : text;
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
