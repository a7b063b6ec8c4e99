package io.awsql.provider;

import java.util.List;
import java.util.Map;

/**
 * How INSERT creates one resource: the Create action, its inputs, the call itself, and the columns that
 * identify what was created (returned as JDBC generated keys, after {@code region}). Each inserted row is
 * one call.
 *
 * @param keyColumns table columns that name a created resource: inputs ({@code amiId}) or values AWS
 *     returns ({@code s3objectKey})
 */
public record CreateDefinition(String action, List<CreateInput> inputs, CreateCall call, List<String> keyColumns) {

  public CreateDefinition {
    inputs = List.copyOf(inputs);
    keyColumns = List.copyOf(keyColumns);
  }

  /** Makes one Create call. */
  @FunctionalInterface
  public interface CreateCall {
    /**
     * Creates one resource in an account and region from checked values (input column → value, absent when
     * not given).
     *
     * @return what AWS returned about the new resource, by table column ({@code s3objectKey → ami-….bin}),
     *     or null for a dry run AWS accepted
     */
    Map<String, String> create(AwsClients clients, Account account, String region, Map<String, String> values,
        boolean dryRun);
  }
}
