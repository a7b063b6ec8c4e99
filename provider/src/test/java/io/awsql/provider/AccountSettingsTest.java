package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The multi-account connection properties: what each accepts, and the message for what it refuses. */
class AccountSettingsTest {
  private static AccountSettings settings(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return ConnectionSettings.from(p).accounts();
  }

  private static String refused(String... pairs) {
    return assertThrows(ConnectionSettings.InvalidSettingException.class, () -> settings(pairs)).getMessage();
  }

  @Test
  void nothingGivenMeansTheCallersAccountFailingOnAnyError() {
    AccountSettings none = settings();
    assertEquals(List.of(), none.accounts());
    assertEquals(List.of(), none.profiles());
    assertEquals(Set.of(), none.skipErrors());
  }

  @Test
  void accountsWithARoleNameOrAnArnTemplate() {
    AccountSettings byName = settings("accounts", "111111111111, 222222222222,111111111111", "roleName", "Inventory");
    assertEquals(List.of("111111111111", "222222222222"), byName.accounts(), "trimmed, duplicates dropped");
    assertEquals("arn:aws:iam::222222222222:role/Inventory", byName.roleArn("222222222222"));
    assertEquals("awsql", byName.roleSessionName());
    AccountSettings byArn = settings("accounts", "111111111111,222222222222", "roleArn",
        "arn:aws-us-gov:iam::{account}:role/audit/Inventory", "externalId", "x-7f3a", "roleSessionName", "nightly");
    assertEquals("arn:aws-us-gov:iam::111111111111:role/audit/Inventory", byArn.roleArn("111111111111"));
    assertEquals("nightly", byArn.roleSessionName());
    assertEquals("x-7f3a", byArn.externalId());
    assertFalse(byArn.toString().contains("x-7f3a"), "the external id is not shown");
    assertEquals("arn:aws:iam::111111111111:role/R",
        settings("accounts", "111111111111", "roleArn", "arn:aws:iam::111111111111:role/R").roleArn("111111111111"),
        "one account may name its role whole");
  }

  @Test
  void badAccountSettingsAreRefusedWithWhatWouldBeValid() {
    assertTrue(refused("accounts", "1234").contains("'1234' is not an AWS account id; give 12-digit ids"));
    assertTrue(refused("accounts", "111111111111").contains("accounts needs the role to assume in each: give "
        + "roleName (e.g. roleName=Inventory) or roleArn"));
    assertTrue(refused("accounts", "111111111111", "roleName", "A", "roleArn", "arn:aws:iam::{account}:role/A")
        .contains("not both"));
    assertTrue(refused("accounts", "111111111111,222222222222", "roleArn", "arn:aws:iam::111111111111:role/A")
        .contains("write {account} where the account id goes"));
    assertTrue(refused("accounts", "111111111111", "roleArn", "arn:aws:iam::222222222222:role/A")
        .contains("is in another account"));
    assertTrue(refused("accounts", "111111111111", "roleArn", "Inventory").contains("is not an IAM role ARN"));
    assertTrue(refused("accounts", "111111111111", "roleName", "In ventory").contains("is not an IAM role name"));
    assertTrue(refused("roleName", "Inventory").contains("roleName applies to the roles assumed in accounts"));
    assertTrue(refused("externalId", "x").contains("externalId applies to the roles assumed in accounts"));
    assertTrue(refused("accounts", "111111111111", "roleName", "A", "roleSessionName", "a b")
        .contains("roleSessionName 'a b' must be 2 to 64"));
    assertTrue(refused("skipErrors", "AccessDenied,not a code").contains("'not a code' is not an AWS error code"));
  }

  @Test
  void profilesReplaceTheSingleProfileKeysAndAccounts() {
    assertEquals(List.of("prod", "staging"), settings("profiles", "prod,staging").profiles());
    assertTrue(refused("profiles", "a,b", "accounts", "111111111111", "roleName", "R")
        .contains("accounts and profiles are two ways"));
    assertTrue(refused("profiles", "a,b", "profile", "a").contains("remove profile, or profiles"));
    assertTrue(refused("profiles", "a,b", "accessKeyId", "AKIA", "secretAccessKey", "s")
        .contains("remove accessKeyId and secretAccessKey, or profiles"));
    assertTrue(refused("profiles", "a", "local", "true").contains("local=true queries local-aws with its demo key"));
  }

  @Test
  void skipErrorsListsCodes() {
    assertEquals(Set.of("AccessDenied", "UnauthorizedOperation", "OptInRequired"),
        settings("skipErrors", "AccessDenied, UnauthorizedOperation,OptInRequired").skipErrors());
  }
}
