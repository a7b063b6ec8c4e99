package io.awsql.localaws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials STS has issued, remembered so that requests signed with them are verified with
 * their secret, carry their session token, expire, and act as the assumed role's account. Expiry follows the
 * endpoint's credentials clock: the wall clock, as clients' credential caches see it, unless a test gives a
 * {@link MutableClock} to make them expire.
 */
public final class SessionCredentials {
  /** Session tokens issued here start with this, so a token from an earlier run is told from a foreign one. */
  static final String TOKEN_PREFIX = "IQoLbG9jYWwtYXdz";
  private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final int SWEEP_ABOVE = 10_000;
  private static final Duration KEEP_EXPIRED = Duration.ofHours(1);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byAccessKeyId = new ConcurrentHashMap<>();

  /** @param clock the clock sessions are issued and expire by */
  public SessionCredentials(Clock clock) {
    this.clock = clock;
  }

  /**
   * One issued credential: key id, secret and token, when it expires, and the role session it stands for.
   * {@code chained} is true when it was obtained with other temporary credentials (role chaining).
   */
  public record Session(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
      String account, String roleName, String roleId, String sessionName, boolean chained) {

    /** {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public String arn() {
      return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    }

    /** {@code AROA...:<session>}, as AssumedRoleId and GetCallerIdentity's UserId. */
    public String assumedRoleId() {
      return roleId + ":" + sessionName;
    }

    @Override
    public String toString() {
      return "Session[" + accessKeyId + ", " + arn() + ", expires " + expiration + ", secret=****]";
    }
  }

  /** New random credentials for a session of {@code roleName} in {@code account}, valid for {@code duration}. */
  public Session issue(String account, String roleName, String sessionName, Duration duration, boolean chained) {
    sweep();
    Session session;
    do {
      session = new Session("ASIA" + randomKey(16), secret(), token(), clock.instant().plus(duration)
          .truncatedTo(ChronoUnit.SECONDS), account, roleName, roleId(account, roleName),
          sessionName, chained);
    } while (byAccessKeyId.putIfAbsent(session.accessKeyId(), session) != null);
    return session;
  }

  /** The session of an access key id, expired or not; null when this endpoint did not issue it. */
  public Session find(String accessKeyId) {
    return accessKeyId == null ? null : byAccessKeyId.get(accessKeyId);
  }

  /** Whether the session has expired by the endpoint's clock. */
  public boolean expired(Session session) {
    return !clock.instant().isBefore(session.expiration());
  }

  /** Whether {@code token} is the session's own (compared in constant time). */
  static boolean tokenMatches(Session session, String token) {
    return token != null && MessageDigest.isEqual(session.sessionToken().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a token has the form of the ones issued here (perhaps by an earlier run of the endpoint). */
  static boolean looksIssuedHere(String token) {
    return token != null && token.startsWith(TOKEN_PREFIX);
  }

  public int size() {
    return byAccessKeyId.size();
  }

  /** The unique id of a role (AROA and 17 characters), the same whenever the same role is assumed. */
  static String roleId(String account, String roleName) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest((account + ":" + roleName).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    StringBuilder id = new StringBuilder("AROA");
    for (int i = 0; i < 17; i++) {
      id.append(KEY_ALPHABET[(hash[i] & 0xff) % KEY_ALPHABET.length]);
    }
    return id.toString();
  }

  /** Forgets sessions long expired once many have been issued, so a long run does not grow without bound. */
  private void sweep() {
    if (byAccessKeyId.size() > SWEEP_ABOVE) {
      Instant forgetBefore = clock.instant().minus(KEEP_EXPIRED);
      byAccessKeyId.values().removeIf(s -> s.expiration().isBefore(forgetBefore));
    }
  }

  private String randomKey(int length) {
    StringBuilder key = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      key.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
    }
    return key.toString();
  }

  private String secret() {
    byte[] bytes = new byte[30];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes); // 40 characters, with + and / as AWS secrets have
  }

  private String token() {
    byte[] bytes = new byte[240];
    random.nextBytes(bytes);
    return TOKEN_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "SessionCredentials[" + byAccessKeyId.size() + " issued]";
  }
}
