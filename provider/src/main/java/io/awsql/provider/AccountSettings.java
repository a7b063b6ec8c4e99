package io.awsql.provider;

import io.awsql.provider.ConnectionSettings.InvalidSettingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which AWS accounts a connection queries, checked when it connects: the caller's own (nothing given),
 * {@code accounts} reached by assuming a role in each, or several named {@code profiles}, each its own
 * account; and the AWS error codes that skip an account and region instead of failing the query.
 *
 * @param accounts 12-digit account ids to assume a role in, in the order given; empty when not used
 * @param roleArnTemplate the role to assume, {@code {account}} standing for each account id
 * @param externalId the external id the roles' trust policies ask for, or null
 * @param roleSessionName the session name CloudTrail shows for the assumed roles
 * @param profiles named profiles, each queried with its own credentials and settings; empty when not used
 * @param skipErrors AWS error codes that skip an account and region, with a warning
 */
public record AccountSettings(List<String> accounts, String roleArnTemplate, String externalId,
    String roleSessionName, List<String> profiles, Set<String> skipErrors) {
  public static final String ACCOUNT_PLACEHOLDER = "{account}";
  public static final String DEFAULT_SESSION_NAME = "awsql";
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@/-]{1,512}");
  private static final Pattern ROLE_ARN = Pattern.compile(
      "arn:aws(-[a-z]+)*:iam::(\\d{12}|\\{account\\}):role/[\\w+=,.@/-]{1,512}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]*");

  /** The caller's own account only, failing on any error. */
  public static final AccountSettings CALLER = new AccountSettings(List.of(), null, null, DEFAULT_SESSION_NAME,
      List.of(), Set.of());

  public AccountSettings {
    accounts = List.copyOf(accounts);
    profiles = List.copyOf(profiles);
    skipErrors = Set.copyOf(skipErrors);
  }

  /** Whether {@code id} has the form of an AWS account id (12 digits). */
  public static boolean isAccountId(String id) {
    return ACCOUNT_ID.matcher(id).matches();
  }

  /** The role to assume in {@code account}. */
  public String roleArn(String account) {
    return roleArnTemplate.replace(ACCOUNT_PLACEHOLDER, account);
  }

  /**
   * Reads and checks the multi-account properties (null when not given).
   *
   * @param singleProfile the connection's {@code profile}, which {@code profiles} replaces
   * @param staticKeys whether the connection gives access keys, which {@code profiles} replaces
   * @throws InvalidSettingException naming the property and what would be valid
   */
  static AccountSettings parse(String accounts, String roleName, String roleArn, String externalId,
      String roleSessionName, String profiles, String skipErrors, String singleProfile, boolean staticKeys) {
    List<String> accountIds = list(accounts);
    for (String id : accountIds) {
      if (!isAccountId(id)) {
        throw new InvalidSettingException("accounts: '" + id + "' is not an AWS account id; give 12-digit ids "
            + "separated by commas, e.g. accounts=111111111111,222222222222.");
      }
    }
    List<String> profileNames = list(profiles);
    if (!profileNames.isEmpty()) {
      if (!accountIds.isEmpty()) {
        throw new InvalidSettingException("accounts and profiles are two ways to name the accounts to query: "
            + "give one (profiles: each profile its own account; accounts: a role assumed in each).");
      }
      if (singleProfile != null || staticKeys) {
        throw new InvalidSettingException("profiles gives each account its own credentials: remove "
            + (singleProfile != null ? "profile" : "accessKeyId and secretAccessKey") + ", or profiles.");
      }
    }
    String template = null;
    if (accountIds.isEmpty()) {
      for (String[] roleSetting : new String[][] {{"roleName", roleName}, {"roleArn", roleArn},
          {"externalId", externalId}, {"roleSessionName", roleSessionName}}) {
        if (roleSetting[1] != null) {
          throw new InvalidSettingException(roleSetting[0] + " applies to the roles assumed in accounts: give "
              + "accounts too (e.g. accounts=111111111111,222222222222), or remove " + roleSetting[0] + ".");
        }
      }
    } else {
      template = roleArnTemplate(roleName, roleArn, accountIds);
    }
    if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
      throw new InvalidSettingException("externalId must be 2 to 1224 letters, digits or +=,.@:/- characters.");
    }
    if (roleSessionName != null && !SESSION_NAME.matcher(roleSessionName).matches()) {
      throw new InvalidSettingException("roleSessionName '" + roleSessionName + "' must be 2 to 64 letters, digits "
          + "or +=,.@- characters.");
    }
    Set<String> codes = new LinkedHashSet<>(list(skipErrors));
    for (String code : codes) {
      if (!ERROR_CODE.matcher(code).matches()) {
        throw new InvalidSettingException("skipErrors: '" + code + "' is not an AWS error code; give codes "
            + "separated by commas, e.g. skipErrors=AccessDenied,UnauthorizedOperation,OptInRequired.");
      }
    }
    return new AccountSettings(accountIds, template, externalId,
        roleSessionName == null ? DEFAULT_SESSION_NAME : roleSessionName, profileNames, codes);
  }

  private static String roleArnTemplate(String roleName, String roleArn, List<String> accountIds) {
    if ((roleName == null) == (roleArn == null)) {
      throw new InvalidSettingException("accounts needs the role to assume in each: give roleName (e.g. "
          + "roleName=Inventory) or roleArn (e.g. roleArn=arn:aws:iam::{account}:role/Inventory), not "
          + (roleName == null ? "neither" : "both") + ".");
    }
    if (roleName != null) {
      if (!ROLE_NAME.matcher(roleName).matches()) {
        throw new InvalidSettingException("roleName '" + roleName + "' is not an IAM role name (letters, digits "
            + "and +=,.@_- characters, optionally after a path/).");
      }
      return "arn:aws:iam::" + ACCOUNT_PLACEHOLDER + ":role/" + roleName;
    }
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw new InvalidSettingException("roleArn '" + roleArn + "' is not an IAM role ARN template; write it like "
          + "arn:aws:iam::{account}:role/Inventory ({account} stands for each account id).");
    }
    if (!roleArn.contains(ACCOUNT_PLACEHOLDER) && accountIds.size() > 1) {
      throw new InvalidSettingException("roleArn names one account's role, but accounts lists " + accountIds.size()
          + ": write {account} where the account id goes, e.g. arn:aws:iam::{account}:role/Inventory.");
    }
    if (!roleArn.contains(ACCOUNT_PLACEHOLDER) && !roleArn.contains("::" + accountIds.get(0) + ":")) {
      throw new InvalidSettingException("roleArn '" + roleArn + "' is in another account than accounts="
          + accountIds.get(0) + ": write {account} where the account id goes.");
    }
    return roleArn;
  }

  private static List<String> list(String commaSeparated) {
    List<String> values = new ArrayList<>();
    if (commaSeparated != null) {
      for (String v : commaSeparated.split(",")) {
        String value = v.trim();
        if (!value.isEmpty() && !values.contains(value)) {
          values.add(value);
        }
      }
    }
    return values;
  }

  @Override
  public String toString() {
    // The external id is a shared secret of sorts between the caller and the role's owner: not shown.
    return "AccountSettings[accounts=" + accounts + ", roleArn=" + roleArnTemplate + ", externalId="
        + (externalId == null ? null : "****") + ", roleSessionName=" + roleSessionName + ", profiles=" + profiles
        + ", skipErrors=" + skipErrors + "]";
  }
}
