package io.awsql.localaws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One HTTP answer, ready to be written: status, content type, protocol-specific headers and body bytes.
 * {@code errorCode} is the AWS error code for error answers (null on success), kept for the request log.
 */
public record AwsResponse(int status, String contentType, byte[] body, String errorCode, Map<String, String> headers) {

  public AwsResponse {
    headers = Map.copyOf(headers);
  }

  public static AwsResponse ok(String contentType, String body) {
    return new AwsResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8), null, Map.of());
  }

  public static AwsResponse error(AwsError error, String contentType, String body, Map<String, String> headers) {
    return new AwsResponse(error.httpStatus(), contentType, body.getBytes(StandardCharsets.UTF_8), error.code(),
        headers);
  }

  /** The same answer cut short, as a broken connection or a faulty proxy would deliver it. */
  public AwsResponse truncated() {
    return new AwsResponse(status, contentType, Arrays.copyOf(body, body.length / 2), errorCode, headers);
  }
}
