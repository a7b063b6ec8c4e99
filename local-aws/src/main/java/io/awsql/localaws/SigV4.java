package io.awsql.localaws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as the specification defines it, from the request as it arrived: the canonical
 * request built from the headers the client chose to sign (whatever they are: botocore signs three, the
 * Java SDK more), the string to sign, the signing key and the signature. The JDK's HMAC-SHA256 and SHA-256
 * do the cryptography.
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final HexFormat HEX = HexFormat.of();

  private SigV4() {}

  /**
   * The canonical request.
   *
   * @param excludedQueryParameter a query parameter left out (X-Amz-Signature of a presigned request), or null
   */
  static String canonicalRequest(AwsRequest request, List<String> signedHeaders, String payloadHash,
      String excludedQueryParameter) {
    return request.method().toUpperCase(Locale.ROOT) + "\n"
        + canonicalUri(request.rawPath()) + "\n"
        + canonicalQuery(request.rawQuery(), excludedQueryParameter) + "\n"
        + canonicalHeaders(request.headers(), signedHeaders) + "\n"
        + String.join(";", signedHeaders) + "\n"
        + payloadHash;
  }

  /**
   * The path, without empty and dot segments, each segment URI-encoded as it was sent: services other than
   * S3 sign the path encoded twice, and what arrives is the path encoded once.
   */
  static String canonicalUri(String rawPath) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : rawPath.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    String path = "/" + segments.stream().map(s -> uriEncode(s)).collect(Collectors.joining("/"));
    return rawPath.endsWith("/") && !segments.isEmpty() ? path + "/" : path;
  }

  /** Query parameters decoded, encoded again by the specification's rules, sorted by name and value. */
  static String canonicalQuery(String rawQuery, String excluded) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = percentDecode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : percentDecode(part.substring(eq + 1));
      if (name.equals(excluded)) {
        continue;
      }
      pairs.add(new String[] {uriEncode(name), uriEncode(value)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  /** {@code name:value} lines of the signed headers: values trimmed, inner runs of spaces folded, joined by commas. */
  static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
    StringBuilder lines = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = headers.get(name);
      if (values == null) {
        throw new IllegalArgumentException(name);
      }
      lines.append(name).append(':')
          .append(values.stream().map(v -> v.strip().replaceAll("\\s+", " ")).collect(Collectors.joining(",")))
          .append('\n');
    }
    return lines.toString();
  }

  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex signature of {@code stringToSign} with the key derived for the scope's date, region and service. */
  static String signature(String secretAccessKey, String date, String region, String service, String stringToSign) {
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HEX.formatHex(hmac(key, stringToSign));
  }

  static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  /** RFC 3986 encoding as SigV4 wants it: every byte but A-Z a-z 0-9 - _ . ~ as %XY, upper-case hex. */
  static String uriEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Percent-decoding of a query part, where '+' stays '+' (as SigV4 clients encode a space as %20).
   *
   * @throws IllegalArgumentException for a malformed escape
   */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("a malformed %-escape in '" + s + "'");
        }
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
