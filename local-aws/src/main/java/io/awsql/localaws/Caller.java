package io.awsql.localaws;

/**
 * Who signed a request and for where: the access key, the region and service of its SigV4 credential scope,
 * and the account it acts as. {@code knownKey} is null for keys the endpoint does not know (accepted
 * unverified) and for temporary credentials; {@code session} is the assumed-role session of temporary
 * credentials STS issued, null for long-term keys (which belong to {@link Accounts#BASE}).
 */
public record Caller(String accessKeyId, String region, String service, AccessKey knownKey, String account,
    SessionCredentials.Session session) {

  /** A caller with a long-term key, in the base account. */
  public Caller(String accessKeyId, String region, String service, AccessKey knownKey) {
    this(accessKeyId, region, service, knownKey, Accounts.BASE, null);
  }

  /** Whether the caller may call {@code action}: an assumed role may call everything, a key what it is granted. */
  public boolean mayCall(String action) {
    return session != null || knownKey == null || knownKey.mayCall(action);
  }

  /**
   * The caller's ARN: the base account's demo user, or
   * {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}.
   */
  public String arn() {
    return session == null ? Accounts.BASE_USER_ARN : session.arn();
  }

  /** GetCallerIdentity's UserId: the demo user's id, or {@code AROA...:<session>}. */
  public String userId() {
    return session == null ? Accounts.BASE_USER_ID : session.assumedRoleId();
  }
}
