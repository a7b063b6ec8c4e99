package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The property table of docs/connection.md must say what {@link AwsqlProperty} declares. */
class ConnectionReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "connection.md");
  private static final String HEADER = "| property | type | default | meaning |";

  /** The table, one row per property in declaration order. */
  static String table() {
    StringBuilder t = new StringBuilder(HEADER).append("\n|---|---|---|---|\n");
    for (AwsqlProperty p : AwsqlProperty.values()) {
      t.append("| `").append(p.camelName()).append("` | ").append(p.type().name().toLowerCase(Locale.ROOT))
          .append(" | ").append(p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`").append(" | ")
          .append(p.description()).append(" |\n");
    }
    return t.toString();
  }

  /** The lines of the doc's table, from its header to the first line that is not a table row. */
  private static String committedTable(List<String> lines) {
    int start = lines.indexOf(HEADER);
    StringBuilder t = new StringBuilder();
    for (int i = start; start >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
      t.append(lines.get(i)).append('\n');
    }
    return t.toString();
  }

  @Test
  void docsTableIsTheDeclaration() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(DOC));
    String committed = committedTable(lines);
    if (Boolean.getBoolean("docs.update") && !committed.isEmpty()) {
      String doc = Files.readString(DOC);
      Files.writeString(DOC, doc.replace(committed, table()));
      committed = table();
    }
    assertEquals(table(), committed, "docs/connection.md's property table is stale: run "
        + "mvn -pl provider test -Dtest=ConnectionReferenceTest -Ddocs.update=true");
  }
}
