package io.awsql.localaws;

import java.util.regex.Pattern;

/**
 * The AWS accounts local-aws plays, so multi-account code can be tried without any: the base account
 * every access key belongs to, a second demo account with its own resources, and an account whose roles
 * trust no one. Any other 12-digit account can be assumed into and starts empty.
 */
public final class Accounts {
  /** The account of every access key, known or not: {@code self} for their calls. */
  public static final String BASE = "123456789012";

  /** A second demo account, with resources of its own (loaded by {@code demoData()}). */
  public static final String SECOND_DEMO = "210987654321";

  /** An account none of whose roles may be assumed: every AssumeRole into it is AccessDenied. */
  public static final String DENIES_ASSUME_ROLE = "444455556666";

  /** The IAM user every base-account key belongs to. */
  public static final String BASE_USER_NAME = "local-aws-demo";

  /** {@code arn:aws:iam::123456789012:user/local-aws-demo}, the caller GetCallerIdentity names for base keys. */
  public static final String BASE_USER_ARN = "arn:aws:iam::" + BASE + ":user/" + BASE_USER_NAME;

  /** The unique id of that user (IAM user ids start with AIDA). */
  public static final String BASE_USER_ID = "AIDALOCALAWSDEMOUSER1";

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private Accounts() {}

  /** Whether {@code id} has the form of an AWS account id: exactly 12 digits. */
  public static boolean isAccountId(String id) {
    return id != null && ACCOUNT_ID.matcher(id).matches();
  }

  /** Whether the roles of {@code account} may be assumed at all (the demo trust rule). */
  public static boolean trustsAssumeRole(String account) {
    return !DENIES_ASSUME_ROLE.equals(account);
  }
}
