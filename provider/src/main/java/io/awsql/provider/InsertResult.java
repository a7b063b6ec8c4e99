package io.awsql.provider;

import java.util.List;

/**
 * What an INSERT did: the resources created, and for a dry run the rows AWS said would have succeeded.
 */
public record InsertResult(List<Created> created, int dryRunAccepted) {

  public InsertResult {
    created = List.copyOf(created);
  }

  /** One created resource: its row (1-based), region, the values sent and what AWS answered. */
  public record Created(int row, String region, String summary) {}
}
