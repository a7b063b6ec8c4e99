package io.awsql.provider;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One AWS account a connection queries: the credentials that act in it, the profile its clients take their
 * settings from, and its 12-digit id, given ({@code accounts}) or learned once from STS GetCallerIdentity
 * ({@link AwsClients#accountId}).
 */
public final class Account {
  private final String key;
  private final AwsCredentialsProvider credentials;
  private final String profile;
  private volatile String id;

  /**
   * @param key what tells its clients apart from other accounts' (an id, or a profile name)
   * @param id the account id when known in advance, else null
   */
  Account(String key, AwsCredentialsProvider credentials, String profile, String id) {
    this.key = key;
    this.credentials = credentials;
    this.profile = profile;
    this.id = id;
  }

  /** Whether this is the connection's own caller (no {@code accounts} or {@code profiles} configured). */
  public boolean isCaller() {
    return key.equals(AwsClients.CALLER_KEY);
  }

  String key() {
    return key;
  }

  AwsCredentialsProvider credentials() {
    return credentials;
  }

  /** The profile whose settings (and, in {@code profiles} mode, credentials) its clients use, or null. */
  String profile() {
    return profile;
  }

  /** The account id if known yet, else null (see {@link AwsClients#accountId}). */
  String knownId() {
    return id;
  }

  void learnId(String learned) {
    id = learned;
  }

  /** For messages: the id once known, else where its credentials come from. */
  public String describe() {
    String known = id;
    if (known != null) {
      return "account " + known;
    }
    return key.startsWith(AwsClients.PROFILE_KEY) ? "profile " + profile : "the caller's account";
  }

  /** Where a call goes, for messages: the region, after the account when it is not the caller's own. */
  public String where(String region) {
    return isCaller() ? region : describe() + ", " + region;
  }

  @Override
  public String toString() {
    return "Account[" + describe() + "]";
  }
}
