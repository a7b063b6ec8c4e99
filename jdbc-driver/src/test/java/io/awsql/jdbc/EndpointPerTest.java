package io.awsql.jdbc;

import io.awsql.localaws.AccessKey;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

/**
 * The set-up most driver tests share: a fresh local-aws for each test, and the connections the test opens to
 * it with the demo key, in process or through {@code awsql serve}, all closed after the test.
 */
abstract class EndpointPerTest {
  protected final LocalEndpoint local = new LocalEndpoint();
  protected final Clients.Opened opened = new Clients.Opened();

  @AfterEach
  void closeEndpoint() throws Exception {
    opened.close();
    local.close();
  }

  /** A connection to this test's endpoint in {@code regions}, with connection options ({@code --read-only}, ...). */
  protected Connection connectTo(Clients client, String regions, String... options) throws SQLException {
    return client.connect(opened, local.aws.endpoint().toString(), AccessKey.DEMO, regions, options);
  }
}
