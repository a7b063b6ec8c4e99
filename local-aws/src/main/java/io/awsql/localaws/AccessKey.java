package io.awsql.localaws;

import java.util.Set;

/**
 * A key pair the endpoint knows: requests signed with it are verified, and it may call only the actions
 * it is granted, named as in IAM policies: {@code DescribeImages}, or {@code Describe*} for every action so
 * named (an empty set grants every action).
 */
public record AccessKey(String accessKeyId, String secretAccessKey, Set<String> allowedActions) {

  /** The demo key with every permission, printed by the runnable endpoint for users to configure. */
  public static final AccessKey DEMO =
      new AccessKey("AKIALOCALAWSDEMO0001", "localaws/demo/secret/key/0000000000000", Set.of());

  /** A key that may only read (Describe and List calls, whatever the resource), for trying permission errors. */
  public static final AccessKey READ_ONLY = new AccessKey("AKIALOCALAWSREADONLY",
      "localaws/read/only/secret/key/000000000", Set.of("Describe*", "List*"));

  /** A key that may call nothing. */
  public static final AccessKey NO_ACCESS =
      new AccessKey("AKIALOCALAWSNOACCESS", "localaws/no/access/secret/key/00000000", Set.of("-"));

  public AccessKey {
    allowedActions = Set.copyOf(allowedActions);
  }

  public boolean mayCall(String action) {
    return allowedActions.isEmpty() || allowedActions.contains(action) || allowedActions.stream()
        .anyMatch(granted -> granted.endsWith("*") && action.startsWith(granted.substring(0, granted.length() - 1)));
  }

  @Override
  public String toString() {
    return "AccessKey[" + accessKeyId + ", secret=****]";
  }
}
