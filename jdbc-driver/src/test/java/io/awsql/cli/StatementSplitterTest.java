package io.awsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting scripts at the semicolons that are SQL, the way Calcite's lexer reads them. */
class StatementSplitterTest {
  private static List<String> texts(String script) {
    return StatementSplitter.split(script).stream().map(StatementSplitter.Piece::text).toList();
  }

  @Test
  void splitsAtSemicolonsAndSkipsTrailingAndEmptyStatements() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), texts("SELECT 1;SELECT 2"));
    assertEquals(List.of("SELECT 1", "SELECT 2"), texts("  SELECT 1 ;\n\n SELECT 2;\n"));
    assertEquals(List.of("SELECT 1", "SELECT 2"), texts(";;SELECT 1;; ;\n;SELECT 2;;"));
    assertEquals(List.of("SELECT 1"), texts("SELECT 1"));
  }

  @Test
  void aSemicolonInAStringDoesNotSplit() {
    assertEquals(List.of("SELECT 'a;b'", "SELECT 2"), texts("SELECT 'a;b'; SELECT 2"));
    assertEquals(List.of("SELECT 'it''s; fine', ''", "SELECT ''''"), texts("SELECT 'it''s; fine', ''; SELECT ''''"));
    assertEquals(List.of("SELECT '{\"k\": \"v;w\"}'"), texts("SELECT '{\"k\": \"v;w\"}';"));
    assertEquals(List.of("SELECT 'a\\'", "SELECT 'b'"), texts("SELECT 'a\\'; SELECT 'b'"),
        "a backslash escapes nothing");
  }

  @Test
  void cStyleStringsEscapeWithBackslashes() {
    assertEquals(List.of("SELECT E'it\\'s; fine'", "SELECT 2"), texts("SELECT E'it\\'s; fine'; SELECT 2"));
    assertEquals(List.of("SELECT e'\\\\'", "SELECT 2"), texts("SELECT e'\\\\'; SELECT 2"));
    assertEquals(List.of("SELECT xE'a\\'", "SELECT 2"), texts("SELECT xE'a\\'; SELECT 2"), "E ends an identifier here");
  }

  @Test
  void aSemicolonInAQuotedIdentifierDoesNotSplit() {
    assertEquals(List.of("SELECT 1 AS \"a;b\"", "SELECT 1 AS \"say \"\"hi\"\";\""),
        texts("SELECT 1 AS \"a;b\"; SELECT 1 AS \"say \"\"hi\"\";\""));
    assertEquals(List.of("SELECT 1 AS \"it's;\"", "SELECT 2"), texts("SELECT 1 AS \"it's;\"; SELECT 2"),
        "a single quote inside an identifier opens no string");
  }

  @Test
  void aSemicolonInACommentDoesNotSplit() {
    assertEquals(List.of("SELECT 1 -- one; two\n+ 1", "SELECT 2"), texts("SELECT 1 -- one; two\n+ 1; SELECT 2"));
    assertEquals(List.of("SELECT 1 // one; two\n+ 1"), texts("SELECT 1 // one; two\n+ 1"));
    assertEquals(List.of("SELECT /* a; 'b */ 1", "SELECT 2"), texts("SELECT /* a; 'b */ 1; SELECT 2"));
    assertEquals(List.of("SELECT /**/ 1", "SELECT /*/ still; inside */ 2"),
        texts("SELECT /**/ 1; SELECT /*/ still; inside */ 2"));
    assertEquals(List.of("SELECT 1 - -1", "SELECT 2 / 2"), texts("SELECT 1 - -1; SELECT 2 / 2"));
    assertEquals(List.of("-- why\nSELECT 1"), texts("-- why\nSELECT 1;\n-- the end; really\n"),
        "comments before a statement stay with it; a trailing one is no statement");
  }

  @Test
  void onlyCommentsAndWhitespaceIsNoStatement() {
    assertEquals(List.of(), texts(""));
    assertEquals(List.of(), texts(" \n\t "));
    assertEquals(List.of(), texts(";"));
    assertEquals(List.of(), texts(" ; ;; \n;"));
    assertEquals(List.of(), texts("-- just a note; nothing else"));
    assertEquals(List.of(), texts("/* a; b */ -- c; d\n// e\n;\r\n"));
  }

  @Test
  void unterminatedStringsAndCommentsAreLeftForTheParser() {
    assertEquals(List.of("SELECT 'a; b"), texts("SELECT 'a; b"));
    assertEquals(List.of("SELECT 1", "/* not closed; at all"), texts("SELECT 1; /* not closed; at all"));
    assertEquals(List.of("SELECT \"a; b"), texts("SELECT \"a; b"));
  }

  @Test
  void eachStatementKnowsWhereItStartsAndKeepsParserPositions() {
    String script = "SELECT 1;\n-- note\r\n  SELECT 2;  SELECT\n 3";
    List<StatementSplitter.Piece> pieces = StatementSplitter.split(script);
    assertEquals(List.of(new StatementSplitter.Piece("SELECT 1", 1, 1),
        new StatementSplitter.Piece("-- note\r\n  SELECT 2", 2, 1),
        new StatementSplitter.Piece("SELECT\n 3", 3, 14)), pieces);
    assertEquals("\n\n" + " ".repeat(13) + "SELECT\n 3", pieces.get(2).positioned());
    assertEquals("SELECT 1", pieces.get(0).positioned());
  }
}
