package io.awsql.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * {@code ResultSet.getObject(column, Class)}: the JDBC 4.2 mappings of every type awsql's columns have,
 * java.time included, which Avatica's accessors do not offer. Times are UTC instants, so the java.time
 * values are those of the instant, read in UTC, whatever the JVM's zone.
 */
public final class TypedGetters {
  private TypedGetters() {}

  /** The value of {@code column} as {@code type}, or null for SQL NULL. */
  public static <T> T get(ResultSet rs, int column, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a type", "HY009");
    }
    Object value = value(rs, column, type);
    return rs.wasNull() ? null : type.cast(value);
  }

  /**
   * A TIMESTAMP as SQL text in UTC ({@code 2026-03-01 12:00:00.123}), with as many fractional digits as
   * the column's precision, as {@code CAST(... AS VARCHAR)} writes it.
   */
  public static String timestampText(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
    return t == null ? null : DateTimeUtils.unixTimestampToString(t.getTime(), rs.getMetaData().getPrecision(column));
  }

  private static Object value(ResultSet rs, int column, Class<?> type) throws SQLException {
    if (type == Object.class) {
      return rs.getObject(column);
    }
    if (type == String.class) {
      return rs.getString(column);
    }
    if (type == Integer.class) {
      return rs.getInt(column);
    }
    if (type == Long.class) {
      return rs.getLong(column);
    }
    if (type == Short.class) {
      return rs.getShort(column);
    }
    if (type == Byte.class) {
      return rs.getByte(column);
    }
    if (type == Double.class) {
      return rs.getDouble(column);
    }
    if (type == Float.class) {
      return rs.getFloat(column);
    }
    if (type == Boolean.class) {
      return rs.getBoolean(column);
    }
    if (type == BigDecimal.class) {
      return rs.getBigDecimal(column);
    }
    if (type == byte[].class) {
      return rs.getBytes(column);
    }
    if (type == Timestamp.class) {
      return rs.getTimestamp(column);
    }
    if (type == Date.class) {
      return rs.getDate(column);
    }
    if (type == Time.class) {
      return rs.getTime(column);
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
        || type == LocalDateTime.class || type == LocalDate.class || type == LocalTime.class) {
      Timestamp t = rs.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      if (t == null) {
        return null;
      }
      OffsetDateTime utc = t.toInstant().atOffset(ZoneOffset.UTC);
      if (type == Instant.class) {
        return utc.toInstant();
      }
      if (type == OffsetDateTime.class) {
        return utc;
      }
      if (type == ZonedDateTime.class) {
        return utc.toZonedDateTime();
      }
      if (type == LocalDateTime.class) {
        return utc.toLocalDateTime();
      }
      return type == LocalDate.class ? utc.toLocalDate() : utc.toLocalTime();
    }
    throw new SQLFeatureNotSupportedException("Column " + column + " (" + rs.getMetaData().getColumnTypeName(column)
        + ") cannot be read as " + type.getName() + ": use String, a number or Boolean class, BigDecimal, "
        + "Timestamp, Instant, OffsetDateTime, ZonedDateTime, LocalDateTime, LocalDate or LocalTime.", "0A000");
  }
}
