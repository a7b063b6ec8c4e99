package io.awsql.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;

/** Writes a result set as CSV (RFC 4180) or JSON (one array of objects with typed values), streaming. */
final class ResultWriters {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

  private ResultWriters() {}

  static void csv(ResultSet rs, PrintStream out, AtomicLong rows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder line = new StringBuilder();
    for (int c = 1; c <= md.getColumnCount(); c++) {
      line.append(c > 1 ? "," : "").append(quote(md.getColumnLabel(c)));
    }
    out.print(line.append("\r\n"));
    while (rs.next()) {
      line.setLength(0);
      for (int c = 1; c <= md.getColumnCount(); c++) {
        Object value = value(rs, md, c);
        line.append(c > 1 ? "," : "").append(value == null ? "" : quote(value.toString()));
      }
      out.print(line.append("\r\n"));
      rows.incrementAndGet();
    }
    out.flush();
  }

  static void json(ResultSet rs, PrintStream out, AtomicLong rows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    // The generator must not close the output: more results may follow it.
    try (JsonGenerator json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      while (rs.next()) {
        json.writeStartObject();
        for (int c = 1; c <= md.getColumnCount(); c++) {
          json.writeFieldName(md.getColumnLabel(c));
          Object value = value(rs, md, c);
          if (value == null) {
            json.writeNull();
          } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
          } else if (value instanceof Integer || value instanceof Long || value instanceof Short
              || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
          } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
          } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
          } else {
            json.writeString(value.toString());
          }
        }
        json.writeEndObject();
        rows.incrementAndGet();
      }
      json.writeEndArray();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** A cell as a Java value; timestamps as ISO-8601 UTC text. */
  static Object value(ResultSet rs, ResultSetMetaData md, int c) throws SQLException {
    int type = md.getColumnType(c);
    if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
      Timestamp ts = rs.getTimestamp(c, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      return ts == null ? null : ISO.format(ts.toInstant());
    }
    return rs.getObject(c);
  }

  private static String quote(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
