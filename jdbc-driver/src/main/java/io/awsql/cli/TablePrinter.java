package io.awsql.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints a result set as an aligned text table, numbers right-aligned, timestamps in ISO-8601 UTC. Column
 * widths come from the first {@value #WINDOW} rows; later rows stream out as they are read (a longer value
 * widens its own line only), so memory stays flat however many rows there are.
 */
final class TablePrinter {
  /** Rows read to size the columns before the first line is printed. */
  static final int WINDOW = 1_000;

  private TablePrinter() {}

  /** Prints every row and returns how many there were. */
  static int print(ResultSet rs, PrintStream out, AtomicLong counter, Runnable beforePrinting) throws SQLException {
    return print(rs, out, counter, beforePrinting, WINDOW);
  }

  static int print(ResultSet rs, PrintStream out, AtomicLong counter, Runnable beforePrinting, int window)
      throws SQLException {
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
    boolean more = true;
    while (rows.size() < window && (more = rs.next())) {
      String[] row = cells(rs, md, n);
      for (int c = 0; c < n; c++) {
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
    int count = rows.size();
    rows.clear();
    while (more && rs.next()) {
      out.println(line(cells(rs, md, n), width, right));
      counter.incrementAndGet();
      count++;
    }
    out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    return count;
  }

  private static String[] cells(ResultSet rs, ResultSetMetaData md, int n) throws SQLException {
    String[] row = new String[n];
    for (int c = 0; c < n; c++) {
      Object value = ResultWriters.value(rs, md, c + 1);
      row[c] = value == null ? "" : value.toString();
    }
    return row;
  }

  private static String line(String[] cells, int[] width, boolean[] right) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        sb.append(" | ");
      }
      String pad = " ".repeat(Math.max(0, width[c] - cells[c].length()));
      sb.append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
    }
    return sb.toString();
  }
}
