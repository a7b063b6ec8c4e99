package io.awsql.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Checks that every successful HTTP answer is an answer of the API before the SDK reads rows from it. A
 * proxy, captive portal or broken connection can hand back {@code 200 OK} with an empty body or an HTML page,
 * which the SDK would read as a page with no items and no next page: a scan would end early, silently.
 * Query-protocol answers (EC2) are XML with a {@code requestId}; JSON-protocol answers are a JSON object.
 * Anything else fails the attempt, so reads are retried and writes are reported as of unknown outcome.
 */
final class AnswerCheck implements ExecutionInterceptor {
  /** How much of a foreign body an error message quotes. */
  static final int QUOTED = 200;

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes attributes) {
    if (!context.httpResponse().isSuccessful() || context.responseBody().isEmpty()) {
      if (context.httpResponse().isSuccessful()) {
        throw unreadable(context.httpResponse().statusCode(), "an empty body");
      }
      return context.responseBody();
    }
    byte[] body;
    try (InputStream in = context.responseBody().get()) {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    String problem = problem(text, context.httpResponse().firstMatchingHeader("Content-Type").orElse(""));
    if (problem != null) {
      throw unreadable(context.httpResponse().statusCode(), problem);
    }
    return Optional.of(new ByteArrayInputStream(body));
  }

  /** What makes {@code body} no API answer, or null when it is one. */
  static String problem(String body, String contentType) {
    if (body.isEmpty()) {
      return "an empty body";
    }
    if (contentType.toLowerCase(Locale.ROOT).contains("html")) {
      return "an HTML page: " + quote(body);
    }
    if (body.startsWith("<")) {
      if (!body.contains("<requestId>") && !body.contains("<RequestId>")) {
        return "XML that is no AWS answer (no request id): " + quote(body);
      }
      Matcher root = XML_ROOT.matcher(body);
      return root.find() && body.endsWith("</" + root.group(1) + ">") ? null
          : "an XML answer cut short (" + body.length() + " characters)";
    }
    if (!body.startsWith("{")) {
      return "a body that is neither an AWS XML nor a JSON answer: " + quote(body);
    }
    return isWholeJsonObject(body) ? null : "a JSON answer cut short (" + body.length() + " characters)";
  }

  /** The first element of an XML document, after its declaration. */
  private static final Pattern XML_ROOT = Pattern.compile("<([A-Za-z][\\w.:-]*)[\\s>]");

  /** Whether the object that opens {@code json} closes exactly at its end (strings and escapes respected). */
  static boolean isWholeJsonObject(String json) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i == json.length() - 1;
        }
      }
    }
    return false;
  }

  /** The start of a foreign body, on one line and without control characters. */
  static String quote(String body) {
    String line = body.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?");
    return "\"" + (line.length() > QUOTED ? line.substring(0, QUOTED) + "..." : line) + "\"";
  }

  /**
   * Retryable by the SDK's own strategy, as a 5xx is: reading again is safe. Clients for creates retry
   * only throttling, so for them it stays a failure whose outcome is unknown.
   */
  private static SdkClientException unreadable(int status, String what) {
    UnreadableAnswerException cause = new UnreadableAnswerException("HTTP " + status + " with " + what);
    return RetryableException.builder().message(cause.getMessage()).cause(cause).build();
  }
}
