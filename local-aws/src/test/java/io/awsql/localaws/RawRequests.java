package io.awsql.localaws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests no SDK would send (unknown parameters, no signature, another service's scope, GET query
 * strings), signed with the SDK's own signer where they should be signed.
 */
final class RawRequests {
  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalAws aws;

  RawRequests(LocalAws aws) {
    this.aws = aws;
  }

  /** A form-encoded EC2 Query POST, signed with the demo key for {@code region} and {@code service}. */
  HttpResponse<String> post(String form, String region, String service) throws IOException, InterruptedException {
    return send(SdkHttpMethod.POST, "/", null, form, region, service, true);
  }

  /** The same without any Authorization header. */
  HttpResponse<String> unsignedPost(String form) throws IOException, InterruptedException {
    return send(SdkHttpMethod.POST, "/", null, form, "us-east-1", "ec2", false);
  }

  /** A signed GET with the parameters in the query string. */
  HttpResponse<String> get(String query, String region) throws IOException, InterruptedException {
    return send(SdkHttpMethod.GET, "/", query, "", region, "ec2", true);
  }

  /** Any signed request: method, path, query (or null), body, region and signing name. */
  HttpResponse<String> signed(String method, String path, String query, String body, String region, String service)
      throws IOException, InterruptedException {
    return send(SdkHttpMethod.fromValue(method), path, query, body, region, service, true);
  }

  private HttpResponse<String> send(SdkHttpMethod method, String path, String query, String body, String region,
      String service, boolean sign) throws IOException, InterruptedException {
    URI uri = URI.create(aws.endpoint() + path + (query == null ? "" : "?" + query));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(method).uri(uri);
    if (!body.isEmpty()) {
      unsigned.putHeader("Content-Type", body.startsWith("{") ? "application/json"
          : "application/x-www-form-urlencoded; charset=utf-8");
    }
    SdkHttpRequest request = unsigned.build();
    if (sign) {
      request = AwsV4HttpSigner.create().sign(r -> r
          .identity(AwsCredentialsIdentity.create(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey()))
          .request(unsigned.build())
          .payload(ContentStreamProvider.fromByteArray(bytes))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
          .putProperty(AwsV4HttpSigner.REGION_NAME, region)
          .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC))).request();
    }
    HttpRequest.Builder out = HttpRequest.newBuilder(uri)
        .method(method.name(), body.isEmpty() && method != SdkHttpMethod.POST
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
    request.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        values.forEach(v -> out.header(name, v));
      }
    });
    return http.send(out.build(), HttpResponse.BodyHandlers.ofString());
  }
}
