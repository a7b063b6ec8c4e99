package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/tables.md must say what the resource definitions say. */
class TableReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "tables.md");

  @Test
  void committedReferenceIsUpToDate() throws IOException {
    String generated = TableReference.markdown(Resources.ALL);
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(DOC, generated);
    }
    assertEquals(generated, Files.exists(DOC) ? Files.readString(DOC) : "",
        "docs/tables.md is stale: run mvn -pl provider test -Dtest=TableReferenceTest -Ddocs.update=true");
  }
}
