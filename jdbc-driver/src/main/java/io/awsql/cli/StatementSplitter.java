package io.awsql.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at each {@code ;} that is SQL, following Calcite's lexer: a {@code ;}
 * inside a string ({@code 'it''s'}, {@code E'it\'s'}), a double-quoted identifier ({@code "a""b"}), a line
 * comment ({@code --} or {@code //}) or a block comment ({@code /* ... *}{@code /}, not nested) does not split.
 * Pieces that hold only whitespace and comments (a trailing {@code ;}, {@code ;;}, a closing comment) are
 * left out, so an empty list means the script holds no statement.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  /**
   * One statement: its text without the {@code ;} and surrounding whitespace (comments before it kept),
   * and where that text starts in the script, 1-based.
   */
  record Piece(String text, int line, int column) {
    /** The text behind whitespace that puts it at its line and column, so parser positions match the script. */
    String positioned() {
      return "\n".repeat(line - 1) + " ".repeat(column - 1) + text;
    }
  }

  static List<Piece> split(String script) {
    List<Piece> pieces = new ArrayList<>();
    int start = 0;
    boolean sql = false; // the current piece has something other than whitespace and comments
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      if (c == ';') {
        add(pieces, script, start, i, sql);
        start = i + 1;
        sql = false;
        i++;
      } else if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
        while (i < n && script.charAt(i) != '\n' && script.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && next == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          sql = true; // unterminated: left for the parser to report
          i = n;
        } else {
          i = end + 2;
        }
      } else if (c == '\'') {
        boolean backslashEscapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
            && (i < 2 || !isIdentifierPart(script.charAt(i - 2)));
        i = skipQuoted(script, i, '\'', backslashEscapes);
        sql = true;
      } else if (c == '"') {
        i = skipQuoted(script, i, '"', false);
        sql = true;
      } else {
        sql |= !Character.isWhitespace(c);
        i++;
      }
    }
    add(pieces, script, start, n, sql);
    return pieces;
  }

  /** The index after the closing quote (doubled quotes, and with backslashEscapes \x, stay inside), or the end. */
  private static int skipQuoted(String script, int open, char quote, boolean backslashEscapes) {
    int i = open + 1;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return script.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static void add(List<Piece> pieces, String script, int from, int to, boolean sql) {
    if (!sql) {
      return;
    }
    while (from < to && Character.isWhitespace(script.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(script.charAt(to - 1))) {
      to--;
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < from; i++) {
      char c = script.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= script.length() || script.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    pieces.add(new Piece(script.substring(from, to), line, from - lineStart + 1));
  }
}
