package io.awsql.localaws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One incoming HTTP request as the endpoint sees it, before any protocol reads it: method, raw path and
 * query, headers (names lower-cased) and body.
 */
public final class AwsRequest {
  private final String requestId;
  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  public AwsRequest(String requestId, String method, String rawPath, String rawQuery,
      Map<String, List<String>> headers, byte[] body) {
    this.requestId = requestId;
    this.method = method;
    this.rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    this.rawQuery = rawQuery;
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach((name, values) ->
        lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
    this.headers = Collections.unmodifiableMap(lower);
    this.body = body;
  }

  public String requestId() {
    return requestId;
  }

  public String method() {
    return method;
  }

  /** The path as sent, still percent-encoded. */
  public String rawPath() {
    return rawPath;
  }

  /** The query string as sent, still percent-encoded; null when there is none. */
  public String rawQuery() {
    return rawQuery;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The query string decoded into name → values, in the order sent. */
  public Map<String, List<String>> queryParameters() {
    return decodeForm(rawQuery);
  }

  /** Decodes {@code application/x-www-form-urlencoded} text (also used for query strings). */
  public static Map<String, List<String>> decodeForm(String encoded) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), n -> new ArrayList<>())
          .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
