package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client nobody here wrote: Python's DB-API through JPype ({@code jpype.dbapi2}), on the all-in-one jar.
 * It needs Debian's python3-jpype (which .ci/run installs); without it the test is skipped, saying so.
 */
class PythonDbApiIT {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path JPYPE_JAR = Path.of("/usr/share/java/org.jpype.jar");

  @Test
  void aDbApiScriptInsertsCommitsAndIsToldWhatCannotBeRolledBack() throws IOException, InterruptedException {
    boolean jpype = Files.isExecutable(PYTHON) && Files.exists(JPYPE_JAR)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import jpype.dbapi2").start().waitFor() == 0;
    if (!jpype) {
      System.err.println("PythonDbApiIT skipped: no /usr/bin/python3 with JPype (apt-get install python3-jpype)");
    }
    assumeTrue(jpype, "no /usr/bin/python3 with JPype (apt-get install python3-jpype)");
    Process python = new ProcessBuilder(PYTHON.toString(), "src/test/python/dbapi_client.py",
        AllInOneJarIT.JAR.toString(), JPYPE_JAR.toString()).redirectErrorStream(true).start();
    assertTrue(python.waitFor(120, TimeUnit.SECONDS), "the script ends");
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, python.exitValue(), output);
    assertTrue(output.contains("rollback refused: OperationalError"), output);
    assertTrue(output.contains("delete refused:"), output);
    assertTrue(output.contains("dbapi client: ok"), output);
  }
}
