package io.awsql.jdbc;

import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SimpleCharStream;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplTokenManager;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.util.SourceStringReader;

/**
 * The parser of {@code jdbc:awsql:} connections: Calcite's Babel parser, which takes common words
 * ({@code count}, {@code value}, {@code date}, {@code month}, ...) as aliases and identifiers, so the SQL
 * tools generate parses; and which labels an unnamed expression of the outermost SELECT as it was
 * written ({@code COUNT(*)}, {@code lower(amiId)}), where Calcite would say {@code EXPR$0}.
 *
 * <p>The label is given as an alias in the parse tree, before validation, so it is the same in process
 * and through {@code awsql serve}. Only the outermost SELECT is labelled: a sub-query's {@code EXPR$n}
 * names stay what Calcite makes them, so queries that refer to them keep working.
 */
public final class AwsqlParser extends SqlBabelParserImpl {
  /** The {@code parserFactory} connection property of Calcite: {@code io.awsql.jdbc.AwsqlParser#FACTORY}. */
  public static final SqlParserImplFactory FACTORY = new SqlParserImplFactory() {
    @Override
    public SqlAbstractParserImpl getParser(Reader reader) {
      // As SqlBabelParserImpl.FACTORY does, and keeping the statement's text for the labels.
      AwsqlParser parser = new AwsqlParser(reader);
      if (reader instanceof SourceStringReader source) {
        String sql = source.getSourceString();
        parser.sql = sql;
        parser.setOriginalSql(sql);
        parser.ReInit(new SqlBabelParserImplTokenManager(new SimpleCharStream(reader, 1, 1, sql.length())));
      }
      return parser;
    }
  };

  /** Labels longer than this are left to Calcite: a long expression makes a poor column heading. */
  private static final int MAX_LABEL = 64;

  private String sql;

  private AwsqlParser(Reader reader) {
    super(reader);
  }

  /** How SqlParser configured this parser, to configure a second one alike. */
  private final List<Consumer<SqlAbstractParserImpl>> settings = new ArrayList<>();

  @Override
  public SqlNode parseSqlStmtEof() throws Exception {
    SqlNode statement;
    String parsed = sql;
    try {
      statement = super.parseSqlStmtEof();
    } catch (Exception e) {
      // DATE, TIME and TIMESTAMP stay reserved in Babel (DATE '2026-03-01' is a literal), so "AS date" does
      // not parse; say it again with such aliases quoted, which names them alike (quoted and unquoted names
      // keep their case). Only statements that fail otherwise are said again, so no other meaning changes;
      // an error of the second parse is not reported, the first is.
      String quoted = sql == null ? null : quoteTypeWordAliases(sql);
      if (quoted == null || quoted.equals(sql)) {
        throw e;
      }
      AwsqlParser again = (AwsqlParser) FACTORY.getParser(new SourceStringReader(quoted));
      settings.forEach(setting -> setting.accept(again));
      try {
        statement = again.parseSqlStmtEof();
      } catch (Exception ignored) {
        throw e;
      }
      parsed = quoted;
    }
    if (parsed != null) {
      label(statement, parsed);
    }
    return statement;
  }

  @Override
  public void setTabSize(int tabSize) {
    super.setTabSize(tabSize);
    settings.add(p -> p.setTabSize(tabSize));
  }

  @Override
  public void setQuotedCasing(Casing casing) {
    super.setQuotedCasing(casing);
    settings.add(p -> p.setQuotedCasing(casing));
  }

  @Override
  public void setUnquotedCasing(Casing casing) {
    super.setUnquotedCasing(casing);
    settings.add(p -> p.setUnquotedCasing(casing));
  }

  @Override
  public void setIdentifierMaxLength(int length) {
    super.setIdentifierMaxLength(length);
    settings.add(p -> p.setIdentifierMaxLength(length));
  }

  @Override
  public void setTimeUnitCodes(Map<String, TimeUnit> codes) {
    super.setTimeUnitCodes(codes);
    settings.add(p -> p.setTimeUnitCodes(codes));
  }

  @Override
  public void setConformance(SqlConformance conformance) {
    super.setConformance(conformance);
    settings.add(p -> p.setConformance(conformance));
  }

  @Override
  public void switchTo(LexicalState state) {
    super.switchTo(state);
    settings.add(p -> p.switchTo(state));
  }

  /** Type words Babel keeps reserved that tools use as aliases. */
  private static final Set<String> TYPE_WORDS = Set.of("DATE", "TIME", "TIMESTAMP");

  /**
   * The statement with {@code AS date} and {@code t.date} (and time, timestamp) said {@code AS "date"} and
   * {@code t."date"}, except in {@code CAST(x AS DATE)}; string literals, quoted names and comments are left as
   * they are. A bare {@code date} stays a type word: {@code date '2026-03-01'} is a literal.
   */
  static String quoteTypeWordAliases(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    ArrayDeque<Boolean> inCast = new ArrayDeque<>();
    String lastWord = "";
    boolean afterDot = false;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = i + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == c) {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
              end += 2; // a doubled quote inside
              continue;
            }
            break;
          }
          end++;
        }
        end = Math.min(end + 1, sql.length());
        lastWord = "";
        afterDot = false;
      } else if (sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
      } else if (sql.startsWith("/*", i)) {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? sql.length() : end + 2;
      } else if (Character.isLetter(c) || c == '_') {
        end = i;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
            || sql.charAt(end) == '$')) {
          end++;
        }
        String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
        boolean alias = lastWord.equals("AS") && !Boolean.TRUE.equals(inCast.peek());
        if (TYPE_WORDS.contains(word) && (alias || afterDot)) {
          out.append('"').append(sql, i, end).append('"');
          i = end;
          lastWord = "";
          afterDot = false;
          continue;
        }
        lastWord = word;
        afterDot = false;
      } else {
        end = i + 1;
        if (c == '(') {
          inCast.push(lastWord.equals("CAST") || lastWord.equals("TRY_CAST") || lastWord.equals("SAFE_CAST"));
        } else if (c == ')') {
          inCast.poll();
        }
        if (!Character.isWhitespace(c)) {
          lastWord = "";
          afterDot = c == '.';
        }
      }
      out.append(sql, i, end);
      i = end;
    }
    return out.toString();
  }

  private static void label(SqlNode statement, String sql) {
    SqlNode query = statement instanceof SqlOrderBy orderBy ? orderBy.query : statement;
    if (!(query instanceof SqlSelect select)) {
      return; // INSERT, EXPLAIN, set operations: nothing a user reads as a column heading
    }
    SqlNodeList items = select.getSelectList();
    Set<String> taken = new HashSet<>();
    for (SqlNode item : items) {
      if (item instanceof SqlIdentifier id) {
        taken.add(id.isStar() ? "*" : id.names.get(id.names.size() - 1).toUpperCase(Locale.ROOT));
      } else if (item.getKind() == SqlKind.AS) {
        taken.add(((SqlCall) item).operand(1).toString().toUpperCase(Locale.ROOT));
      }
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
        continue;
      }
      String label = text(item, sql);
      // A label already used (twice COUNT(*), or a column's name) stays Calcite's: labels must be unique.
      if (label != null && label.length() <= MAX_LABEL && taken.add(label.toUpperCase(Locale.ROOT))) {
        SqlParserPos pos = item.getParserPosition();
        items.set(i, SqlStdOperatorTable.AS.createCall(pos, item, new SqlIdentifier(label, pos)));
      }
    }
  }

  /** The expression as written in the statement, with its white space made single spaces, or null. */
  private static String text(SqlNode item, String sql) {
    List<SqlParserPos> positions = new ArrayList<>();
    item.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        positions.add(call.getParserPosition());
        return super.visit(call);
      }

      @Override
      public Void visit(SqlIdentifier id) {
        positions.add(id.getParserPosition());
        return null;
      }

      @Override
      public Void visit(SqlLiteral literal) {
        positions.add(literal.getParserPosition());
        return null;
      }
    });
    if (item instanceof SqlBasicCall) {
      positions.add(item.getParserPosition());
    }
    List<SqlParserPos> known = positions.stream().filter(p -> p.getLineNum() > 0).toList();
    if (known.isEmpty()) {
      return null;
    }
    SqlParserPos span = SqlParserPos.sum(known);
    int start = offset(sql, span.getLineNum(), span.getColumnNum());
    int end = offset(sql, span.getEndLineNum(), span.getEndColumnNum());
    if (start < 0 || end < start || end >= sql.length()) {
      return null;
    }
    String text = sql.substring(start, end + 1).strip().replaceAll("\\s+", " ");
    return text.isEmpty() ? null : text;
  }

  /** The index in the statement of a 1-based line and column, or -1. */
  private static int offset(String sql, int line, int column) {
    int index = 0;
    for (int l = 1; l < line; l++) {
      index = sql.indexOf('\n', index);
      if (index < 0) {
        return -1;
      }
      index++;
    }
    return line < 1 || column < 1 ? -1 : index + column - 1;
  }
}
