package io.awsql.localaws;

import java.util.Objects;

/** Where a resource lives: one account in one region. Every resource's state is kept apart by it. */
public record AccountRegion(String account, String region) {
  public AccountRegion {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
  }

  /** The caller's account in the region of its signature. */
  public static AccountRegion of(Caller caller) {
    return new AccountRegion(caller.account(), caller.region());
  }

  @Override
  public String toString() {
    return account + "/" + region;
  }
}
