package io.awsql.localaws.ec2;

import io.awsql.localaws.AwsError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The opaque NextToken: the position of the last task returned (start time and sequence number) and a
 * fingerprint of the filters it was issued for. Resuming strictly after a position, rather than at an
 * offset, is what keeps paging exact while tasks are created between pages.
 */
record PageToken(Instant startTime, long seq, int filterFingerprint) {

  String encode() {
    String plain = "v1|" + startTime.toEpochMilli() + "|" + seq + "|" + filterFingerprint;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static PageToken decode(String token, int expectedFingerprint) {
    PageToken decoded;
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (parts.length != 4 || !parts[0].equals("v1")) {
        throw invalid(token);
      }
      decoded = new PageToken(Instant.ofEpochMilli(Long.parseLong(parts[1])), Long.parseLong(parts[2]),
          Integer.parseInt(parts[3]));
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    if (decoded.filterFingerprint != expectedFingerprint) {
      throw new AwsError(400, "InvalidPaginationToken",
          "The pagination token was issued for other filters: repeat the request with the same filters, or start"
              + " over without NextToken.");
    }
    return decoded;
  }

  /** A stand-in task at this position, to find where the next page starts in a sorted set. */
  StoreImageTask position() {
    return new StoreImageTask(seq, "", "", "", startTime, Duration.ZERO, null, 0, Map.of());
  }

  private static AwsError invalid(String token) {
    return new AwsError(400, "InvalidPaginationToken",
        "The pagination token '" + token + "' is not valid or is expired.");
  }
}
