package io.awsql.jdbc;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Prints a result set as an aligned text table, numbers right-aligned, timestamps in ISO-8601 UTC. */
final class TablePrinter {
  private TablePrinter() {}

  /** Prints every row (the table is laid out once all rows are read) and returns how many there were. */
  static int print(ResultSet rs, PrintStream out, AtomicLong counter, Runnable beforePrinting) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    int[] width = new int[n];
    boolean[] right = new boolean[n];
    String[] header = new String[n];
    for (int c = 0; c < n; c++) {
      header[c] = md.getColumnLabel(c + 1);
      width[c] = header[c].length();
      int type = md.getColumnType(c + 1);
      right[c] = type == Types.INTEGER || type == Types.BIGINT || type == Types.DECIMAL || type == Types.DOUBLE
          || type == Types.SMALLINT || type == Types.TINYINT || type == Types.FLOAT || type == Types.REAL
          || type == Types.NUMERIC;
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int c = 0; c < n; c++) {
        Object value = ResultWriters.value(rs, md, c + 1);
        row[c] = value == null ? "" : value.toString();
        width[c] = Math.max(width[c], row[c].length());
      }
      rows.add(row);
      counter.incrementAndGet();
    }
    beforePrinting.run();
    out.println(line(header, width, new boolean[n]));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < n; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
    }
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, width, right));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    return rows.size();
  }

  private static String line(String[] cells, int[] width, boolean[] right) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        sb.append(" | ");
      }
      String pad = " ".repeat(width[c] - cells[c].length());
      sb.append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
    }
    return sb.toString();
  }
}
