package io.awsql.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an INSERT (or a batch of them) did: the resources created, in order, and for a dry run the number
 * of rows AWS said would have succeeded.
 */
public record InsertResult(List<Created> created, int dryRunAccepted) {
  public static final InsertResult NONE = new InsertResult(List.of(), 0);

  public InsertResult {
    created = List.copyOf(created);
  }

  /**
   * One created resource.
   *
   * @param row its row in the statement or batch (1-based)
   * @param account the account it was created in (its id: {@link AwsClients#accountId})
   * @param values the inputs sent and what AWS returned, by table column
   */
  public record Created(int row, ResourceDefinition<?> table, Account account, String region,
      Map<String, String> values) {
    public Created {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }
}
