package io.awsql.provider;

import java.util.List;
import java.util.function.Function;

/**
 * One value an INSERT gives a Create call: its column name, other accepted spellings (the API member
 * name StackQL uses, e.g. {@code ImageId}), whether it is required, how to check it before any request,
 * and an example value for error messages.
 *
 * @param check returns what is wrong with a value, or null when it is acceptable
 */
public record CreateInput(String column, List<String> aliases, boolean required, String description,
    Function<String, String> check, String example) {

  public CreateInput {
    aliases = List.copyOf(aliases);
  }

  /** Whether an INSERT column name means this input (case-insensitively). */
  public boolean isNamed(String name) {
    return column.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
  }
}
