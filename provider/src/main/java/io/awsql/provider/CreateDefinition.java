package io.awsql.provider;

import java.util.List;
import java.util.Map;

/**
 * How INSERT creates one resource: the Create action, its inputs, and the call itself. Each inserted row
 * is one call.
 */
public record CreateDefinition(String action, List<CreateInput> inputs, CreateCall call) {

  public CreateDefinition {
    inputs = List.copyOf(inputs);
  }

  /** Makes one Create call. */
  @FunctionalInterface
  public interface CreateCall {
    /**
     * Creates one resource from checked values (input column → value, absent when not given).
     *
     * @return what was created, in a few words ({@code objectKey ami-….bin}), or null for a dry run AWS
     *     accepted
     */
    String create(AwsClients clients, String region, Map<String, String> values, boolean dryRun);
  }
}
