package io.awsql.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code awsql --version} prints: the jar's Implementation-Version, or, when run from the build's
 * classes (tests, an IDE), the Maven project version written into a resource at build time.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"awsql " + version()};
  }

  static String version() {
    String jar = VersionProvider.class.getPackage().getImplementationVersion();
    if (jar != null) {
      return jar;
    }
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      Properties build = new Properties();
      if (in != null) {
        build.load(in);
      }
      return build.getProperty("version", "(development build)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
