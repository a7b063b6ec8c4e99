package io.awsql.jdbc;

import io.awsql.provider.AwsSchema;
import io.awsql.provider.InsertResult;
import io.awsql.provider.ResourceDefinition;
import io.awsql.provider.ResourceTable;
import io.awsql.provider.ResourceWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * An INSERT into a resource table, recognised before Calcite plans it: the target, the columns as the
 * user named them (table columns or StackQL's API member names such as {@code ImageId}), and the source
 * rows as a query Calcite can run on its own ({@code VALUES ...} or {@code SELECT ...}). Creating AWS
 * resources is not a table modification Calcite could plan, so it is done here, through the provider's
 * {@link ResourceWriter}.
 */
record InsertPlan(ResourceDefinition<?> table, List<String> columns, String sourceSql, int parameterCount) {
  private static final SqlParser.Config PARSER = SqlParser.config()
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false);

  /** The plan for {@code sql}, or null when it is not an INSERT into a resource table. */
  static InsertPlan of(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("insert")) {
      return null;
    }
    SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException e) {
      return null; // Calcite will report it, with its position
    }
    if (!(node instanceof SqlInsert insert) || !(insert.getTargetTable() instanceof SqlIdentifier target)) {
      return null;
    }
    ResourceDefinition<?> table = resolve(target.names);
    if (table == null) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    if (insert.getTargetColumnList() == null) {
      columns.add(ResourceTable.REGION);
      table.columns().forEach(c -> columns.add(c.name()));
    } else {
      insert.getTargetColumnList().forEach(c -> columns.add(((SqlIdentifier) c).getSimple()));
    }
    int[] parameters = new int[1];
    // A bare VALUES (?, ?) gives Calcite no type for its parameters; every input is text.
    SqlNode source = insert.getSource().accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlDynamicParam param) {
        parameters[0]++;
        SqlParserPos pos = param.getParserPosition();
        return SqlStdOperatorTable.CAST.createCall(pos, param,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos));
      }
    });
    return new InsertPlan(table, columns, source.toSqlString(CalciteSqlDialect.DEFAULT).getSql(), parameters[0]);
  }

  /** {@code aws.ec2.t}, {@code ec2.t}, any case. */
  private static ResourceDefinition<?> resolve(List<String> names) {
    int n = names.size();
    if (n < 2 || n > 3 || (n == 3 && !names.get(0).equalsIgnoreCase("aws"))) {
      return null;
    }
    return AwsSchema.RESOURCES.stream()
        .filter(r -> r.schema().equalsIgnoreCase(names.get(n - 2)) && r.name().equalsIgnoreCase(names.get(n - 1)))
        .findFirst().orElse(null);
  }

  /**
   * Runs the source once per parameter set, then creates all the rows (checked together, before any
   * request).
   *
   * @return the update count of each parameter set, and the warnings to attach to the statement
   */
  Outcome execute(Connection calcite, AwsSchema aws, List<List<Object>> parameterSets) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    int[] rowsPerSet = new int[parameterSets.size()];
    for (int s = 0; s < parameterSets.size(); s++) {
      List<Object> parameters = parameterSets.get(s);
      try (PreparedStatement source = calcite.prepareStatement(sourceSql)) {
        for (int i = 0; i < parameters.size(); i++) {
          source.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet rs = source.executeQuery()) {
          int width = rs.getMetaData().getColumnCount();
          if (width != columns.size()) {
            throw new SQLException("INSERT into " + table.qualifiedName() + " names " + columns.size()
                + " columns but gives " + width + " values per row.", "42000");
          }
          while (rs.next()) {
            Object[] row = new Object[width];
            for (int c = 0; c < width; c++) {
              row[c] = rs.getObject(c + 1);
            }
            rows.add(row);
            rowsPerSet[s]++;
          }
        }
      }
    }
    InsertResult result = ResourceWriter.insert(table, aws.clients(), aws.settings(), columns, rows);
    SQLWarning warning = null;
    if (result.dryRunAccepted() > 0) {
      warning = new SQLWarning("Dry run (dryRun=true): AWS says the " + result.dryRunAccepted() + " "
          + table.create().action() + " call(s) would have succeeded. Nothing was created.", "01000");
      java.util.Arrays.fill(rowsPerSet, 0);
    }
    return new Outcome(rowsPerSet, warning);
  }

  /** Rows created per parameter set, and the statement's warning (for dry runs). */
  record Outcome(int[] counts, SQLWarning warning) {
    long total() {
      long sum = 0;
      for (int c : counts) {
        sum += c;
      }
      return sum;
    }
  }
}
