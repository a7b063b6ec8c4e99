package io.awsql.localaws;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks the SigV4 {@code Authorization} header: its form always, its signature for keys the endpoint
 * knows. Verification re-signs the request with the AWS SDK's own signer and compares, so no
 * cryptography is written here.
 */
public final class SigV4Verifier {
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
          + "SignedHeaders=([a-z0-9;\\-]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, AccessKey> knownKeys;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public SigV4Verifier(Map<String, AccessKey> knownKeys) {
    this.knownKeys = Map.copyOf(knownKeys);
  }

  /**
   * Returns the caller of a correctly signed request.
   *
   * @throws AwsError {@code AuthFailure} (401) when the header is missing, malformed, scoped to another
   *     service, or its signature does not match
   */
  public Caller verify(AwsRequest request, String expectedService) {
    String authorization = request.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      throw authFailure("The request must be signed with AWS Signature Version 4: no Authorization header was sent.");
    }
    Matcher m = AUTHORIZATION.matcher(authorization.trim());
    if (!m.matches()) {
      throw authFailure("The Authorization header is not a well-formed AWS4-HMAC-SHA256 signature.");
    }
    String accessKeyId = m.group(1);
    String region = m.group(3);
    String service = m.group(4);
    List<String> signedHeaders = Arrays.asList(m.group(5).split(";"));
    if (!service.equals(expectedService)) {
      throw authFailure("Credential should be scoped to correct service: '" + expectedService + "'.");
    }
    String amzDate = request.header("X-Amz-Date");
    if (amzDate == null || !signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
      throw authFailure("The request must sign the host and x-amz-date headers.");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw authFailure("X-Amz-Date '" + amzDate + "' is not in the form yyyyMMddTHHmmssZ.");
    }
    if (!amzDate.startsWith(m.group(2))) {
      throw authFailure("The credential scope date does not match X-Amz-Date.");
    }
    AccessKey known = knownKeys.get(accessKeyId);
    if (known != null) {
      String expected = signatureFor(request, known, request.header("X-Amz-Security-Token"), region, service,
          signedHeaders, signedAt);
      if (!expected.equals(m.group(6))) {
        throw authFailure("AWS was not able to validate the provided access credentials.");
      }
    }
    return new Caller(accessKeyId, region, service, known);
  }

  private String signatureFor(AwsRequest request, AccessKey key, String sessionToken, String region,
      String service, List<String> signedHeaders, Instant signedAt) {
    String host = request.header("Host");
    String query = request.rawQuery() == null ? "" : "?" + request.rawQuery();
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT)))
        .uri(URI.create("http://" + host + request.rawPath() + query));
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        throw authFailure("The signed header '" + name + "' is missing from the request.");
      }
      unsigned.putHeader(name, values);
    }
    AwsCredentialsIdentity identity = sessionToken == null
        ? AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey())
        : AwsSessionCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey(), sessionToken);
    SignedRequest signed = signer.sign(r -> r
        .identity(identity)
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
    String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
    return authorization.substring(authorization.lastIndexOf('=') + 1);
  }

  private static AwsError authFailure(String message) {
    return new AwsError(401, "AuthFailure", message);
  }
}
