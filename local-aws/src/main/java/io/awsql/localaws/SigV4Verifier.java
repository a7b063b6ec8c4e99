package io.awsql.localaws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks AWS Signature Version 4 as AWS does, for any client: the {@code Authorization} header or a
 * presigned query string; the credential scope; the time of signing against the real clock (15 minutes
 * either way, or a presigned URL's expiry); and, for keys the endpoint knows, the signature, computed by
 * {@link SigV4} from the very headers the client signed. Temporary credentials STS issued are verified with
 * their own secret, must carry their session token and must not have expired; the caller then acts as the
 * assumed role's account. Unknown keys are accepted unchecked (any caller may use local-aws), in the base
 * account, with their scope and form still checked.
 */
public final class SigV4Verifier {
  private static final Pattern CREDENTIAL =
      Pattern.compile("([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256\\s+Credential=(" + CREDENTIAL.pattern().replace("(", "(?:") + "),\\s*"
          + "SignedHeaders=([a-z0-9;\\-]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** How far a request's time may be from the endpoint's, as AWS allows. */
  static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);

  private final Map<String, AccessKey> knownKeys;
  private final Clock wallClock;
  private final SessionCredentials sessions;

  public SigV4Verifier(Map<String, AccessKey> knownKeys) {
    this(knownKeys, Clock.systemUTC());
  }

  /** @param wallClock real time, for the skew check (not the simulated clock store tasks advance by) */
  public SigV4Verifier(Map<String, AccessKey> knownKeys, Clock wallClock) {
    this(knownKeys, wallClock, new SessionCredentials(wallClock));
  }

  /**
   * @param wallClock real time, for the skew check
   * @param sessions the temporary credentials STS issued (they expire by their own, simulated, clock)
   */
  public SigV4Verifier(Map<String, AccessKey> knownKeys, Clock wallClock, SessionCredentials sessions) {
    this.knownKeys = Map.copyOf(new HashMap<>(knownKeys));
    this.wallClock = wallClock;
    this.sessions = sessions;
  }

  /**
   * The service a request is signed for, from its {@code Authorization} header or presigned query string;
   * null when it is not signed or the scope cannot be read. For routing requests that share a path.
   */
  public static String scopeService(AwsRequest request) {
    String authorization = request.header("Authorization");
    String credential = null;
    if (authorization != null) {
      Matcher m = AUTHORIZATION.matcher(authorization.trim());
      credential = m.matches() ? m.group(1) : null;
    } else {
      try {
        credential = queryParameters(request).get("X-Amz-Credential");
      } catch (AwsError e) {
        return null;
      }
    }
    Matcher scope = credential == null ? null : CREDENTIAL.matcher(credential);
    return scope != null && scope.matches() ? scope.group(4) : null;
  }

  /**
   * Returns the caller of a correctly signed request.
   *
   * @throws CredentialError {@code AuthFailure} (401) when the signature is missing, malformed, scoped to
   *     another service, or does not match, or a session token is missing or wrong; {@code RequestExpired}
   *     (400) when it was made too long ago or ahead, or its temporary credentials have expired (EC2's words:
   *     each service says it its own way, {@link ServiceHandler#credentialError})
   */
  public Caller verify(AwsRequest request, String expectedService) {
    String authorization = request.header("Authorization");
    Map<String, String> query = queryParameters(request);
    boolean presigned = (authorization == null || authorization.isBlank()) && query.containsKey("X-Amz-Signature");
    if (!presigned && (authorization == null || authorization.isBlank())) {
      throw new CredentialError(CredentialError.Kind.UNSIGNED, 401, "AuthFailure",
          "The request must be signed with AWS Signature Version 4: no Authorization header was sent.");
    }
    String credential;
    String signedHeaderList;
    String signature;
    String amzDate;
    if (presigned) {
      if (!SigV4.ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
        throw authFailure("X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
      }
      credential = query.get("X-Amz-Credential");
      signedHeaderList = query.get("X-Amz-SignedHeaders");
      signature = query.get("X-Amz-Signature");
      amzDate = query.get("X-Amz-Date");
      if (credential == null || signedHeaderList == null || amzDate == null) {
        throw authFailure("A presigned request needs X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders and "
            + "X-Amz-Signature.");
      }
    } else {
      Matcher m = AUTHORIZATION.matcher(authorization.trim());
      if (!m.matches()) {
        throw authFailure("The Authorization header is not a well-formed AWS4-HMAC-SHA256 signature.");
      }
      credential = m.group(1);
      signedHeaderList = m.group(2);
      signature = m.group(3);
      amzDate = request.header("X-Amz-Date");
      if (amzDate == null) {
        amzDate = request.header("Date");
      }
    }
    Matcher scope = CREDENTIAL.matcher(credential);
    if (!scope.matches()) {
      throw authFailure("The credential '" + credential
          + "' is not of the form KEY/yyyyMMdd/region/service/aws4_request.");
    }
    String accessKeyId = scope.group(1);
    String date = scope.group(2);
    String region = scope.group(3);
    String service = scope.group(4);
    if (!service.equals(expectedService)) {
      throw new CredentialError(CredentialError.Kind.WRONG_SERVICE, 401, "AuthFailure",
          "Credential should be scoped to correct service: '" + expectedService + "'.");
    }
    List<String> signedHeaders = Arrays.asList(signedHeaderList.split(";"));
    if (!signedHeaders.contains("host")) {
      throw authFailure("The request must sign the host header.");
    }
    if (amzDate == null) {
      throw authFailure("The request must carry X-Amz-Date.");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw authFailure("X-Amz-Date '" + amzDate + "' is not in the form yyyyMMddTHHmmssZ.");
    }
    if (!amzDate.startsWith(date)) {
      throw authFailure("The credential scope date does not match X-Amz-Date.");
    }
    checkTime(signedAt, presigned ? query.get("X-Amz-Expires") : null);
    AccessKey known = knownKeys.get(accessKeyId);
    SessionCredentials.Session session = known == null ? sessions.find(accessKeyId) : null;
    String token = presigned ? query.get("X-Amz-Security-Token") : request.header("X-Amz-Security-Token");
    String secret = known == null ? null : known.secretAccessKey();
    if (session != null) {
      if (!SessionCredentials.tokenMatches(session, token)) {
        throw new CredentialError(CredentialError.Kind.INVALID_TOKEN, 401, "AuthFailure",
            "AWS was not able to validate the provided access credentials");
      }
      if (sessions.expired(session)) {
        throw new CredentialError(CredentialError.Kind.EXPIRED_TOKEN, 400, "RequestExpired", "Request has expired.");
      }
      secret = session.secretAccessKey();
    } else if (known == null && SessionCredentials.looksIssuedHere(token)) {
      // A session token of this endpoint's form whose key it never issued (a restart forgets them all).
      throw new CredentialError(CredentialError.Kind.INVALID_TOKEN, 401, "AuthFailure",
          "AWS was not able to validate the provided access credentials");
    }
    if (secret != null) {
      String expected;
      try {
        String payloadHash = payloadHash(request, presigned, query);
        String canonical = SigV4.canonicalRequest(request, signedHeaders, payloadHash,
            presigned ? "X-Amz-Signature" : null);
        String stringToSign = SigV4.stringToSign(amzDate, date + "/" + region + "/" + service + "/aws4_request",
            canonical);
        expected = SigV4.signature(secret, date, region, service, stringToSign);
      } catch (IllegalArgumentException e) {
        throw authFailure("The request cannot be verified: " + e.getMessage() + " (a signed header is missing, or "
            + "a %-escape is malformed).");
      }
      if (!expected.equals(signature)) {
        throw new CredentialError(CredentialError.Kind.SIGNATURE_MISMATCH, 401, "AuthFailure",
            "AWS was not able to validate the provided access credentials.");
      }
    }
    return session != null ? new Caller(accessKeyId, region, service, null, session.account(), session)
        : new Caller(accessKeyId, region, service, known);
  }

  /** The hash the client signed for the body: the one it declared, if it did, else the body's. */
  private static String payloadHash(AwsRequest request, boolean presigned, Map<String, String> query) {
    String declared = presigned ? query.get("X-Amz-Content-Sha256") : request.header("X-Amz-Content-Sha256");
    return declared != null ? declared : SigV4.sha256Hex(request.body());
  }

  private void checkTime(Instant signedAt, String expires) {
    Instant now = wallClock.instant();
    if (expires != null) {
      long seconds;
      try {
        seconds = Long.parseLong(expires);
      } catch (NumberFormatException e) {
        throw authFailure("X-Amz-Expires '" + expires + "' is not a number of seconds.");
      }
      if (seconds < 1 || seconds > 604_800) {
        throw authFailure("X-Amz-Expires must be from 1 to 604800 seconds.");
      }
      if (now.isAfter(signedAt.plusSeconds(seconds)) || signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
        throw new CredentialError(CredentialError.Kind.REQUEST_EXPIRED, 400, "RequestExpired", "Request has expired.");
      }
      return;
    }
    if (Duration.between(signedAt, now).abs().compareTo(ALLOWED_SKEW) > 0) {
      throw new CredentialError(CredentialError.Kind.REQUEST_EXPIRED, 400, "RequestExpired",
          "Request has expired: it was signed at " + signedAt + " and the time "
          + "is now " + now.truncatedTo(ChronoUnit.SECONDS) + "; signatures are valid for 15 "
          + "minutes either way (check the clock).");
    }
  }

  private static Map<String, String> queryParameters(AwsRequest request) {
    Map<String, String> parameters = new HashMap<>();
    if (request.rawQuery() != null) {
      for (String part : request.rawQuery().split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.startsWith("X-Amz-")) {
          try {
            parameters.put(part.substring(0, eq), SigV4.percentDecode(part.substring(eq + 1)));
          } catch (IllegalArgumentException e) {
            throw authFailure("The query parameter " + part.substring(0, eq) + " has a malformed %-escape.");
          }
        }
      }
    }
    return parameters;
  }

  private static CredentialError authFailure(String message) {
    return new CredentialError(CredentialError.Kind.MALFORMED, 401, "AuthFailure", message);
  }
}
