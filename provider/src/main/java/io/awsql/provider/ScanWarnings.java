package io.awsql.provider;

import java.sql.SQLWarning;
import org.apache.calcite.DataContext;

/**
 * Where a running query reports what it skipped ({@code skipErrors}): the JDBC driver puts one per execution
 * in the query's {@link DataContext}, and hands the warnings to the statement and its result set.
 */
@FunctionalInterface
public interface ScanWarnings {
  /** The name of the DataContext variable that holds the execution's warnings. */
  String VARIABLE = "awsql.warnings";

  /** Called from the threads that fetch pages, so it must be thread-safe. */
  void add(SQLWarning warning);

  /** The execution's warnings, or a sink that drops them when the query runs outside the driver. */
  static ScanWarnings of(DataContext root) {
    Object sink = root == null ? null : root.get(VARIABLE);
    return sink instanceof ScanWarnings warnings ? warnings : warning -> { };
  }
}
