package io.awsql.provider;

import io.awsql.provider.ConnectionSettings.InvalidSettingException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.model.ModelHandler;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Mounts awsql from a Calcite model, beside other adapters' schemas (a CSV, a JDBC database) in one connection;
 * the {@code jdbc:awsql:} driver makes its schema here too, so both read the same settings the same way.
 */
public final class AwsSchemaFactory implements SchemaFactory {
  /** What Calcite uses for a model's {@code factory}; the constructor is for code that makes its own. */
  public static final AwsSchemaFactory INSTANCE = new AwsSchemaFactory();
  private static final Cleaner CLEANER = Cleaner.create();

  public AwsSchemaFactory() {
  }

  /**
   * The schema a model's custom schema entry describes: {@code aws.ec2.store_image_tasks} and the rest under
   * {@code name}. The operand holds awsql's connection properties ({@link AwsqlProperty}) under the names the
   * JDBC URL takes; JSON strings, numbers, booleans and arrays (joined with commas) are read as the URL's text.
   *
   * <p>Calcite tells a schema nothing when its connection closes, so this one releases its AWS clients once the
   * closed connection is garbage-collected, or when the JVM exits; its threads are daemons.
   *
   * @throws InvalidSettingException naming the schema and the operand that cannot be used
   */
  @Override
  public AwsSchema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    try {
      AwsSchema schema = create(ConnectionSettings.from(properties(operand)));
      // No one calls close(): without this, every model connection would leave its SDK clients' scheduler
      // threads, which never end idle, until the JVM exits. The action holds the clients, not the schema,
      // which only the connection references; the schema's fetch threads end on their own after 60 s idle.
      AwsClients clients = schema.clients();
      CLEANER.register(schema, clients::close);
      return schema;
    } catch (InvalidSettingException e) {
      // Calcite wraps this as the cause of its own error, which users read: say where the setting came from.
      throw new InvalidSettingException("awsql schema '" + name + "' in the Calcite model: " + e.getMessage());
    }
  }

  /**
   * The schema for settings already read; {@code local=true} is refused, since only the {@code jdbc:awsql:}
   * driver starts an embedded local-aws (which it turns into {@code endpoint} and keys before calling this).
   */
  public AwsSchema create(ConnectionSettings settings) {
    if (settings.local()) {
      throw new InvalidSettingException("local=true starts an embedded local-aws only through the jdbc:awsql: "
          + "driver. Run it on its own (awsql local-aws --port 4599) and give endpoint=http://127.0.0.1:4599 "
          + "with the accessKeyId and secretAccessKey it prints.");
    }
    return new AwsSchema(settings);
  }

  /**
   * The operand as connection properties, each value as the URL would give it. The entries Calcite adds to
   * every custom schema's operand (the model's location, its directory, its tables) are not awsql's: skipped.
   */
  static Properties properties(Map<String, Object> operand) {
    Properties properties = new Properties();
    for (Map.Entry<String, Object> entry : operand.entrySet()) {
      if (!addedByCalcite(entry.getKey()) && entry.getValue() != null) {
        properties.setProperty(entry.getKey(), text(entry.getKey(), entry.getValue()));
      }
    }
    return properties;
  }

  private static boolean addedByCalcite(String name) {
    for (ModelHandler.ExtraOperand extra : ModelHandler.ExtraOperand.values()) {
      if (extra.camelName.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String text(String name, Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        if (item == null || item instanceof List<?> || item instanceof Map<?, ?>) {
          throw notText(name);
        }
        items.add(String.valueOf(item));
      }
      return String.join(",", items);
    }
    throw notText(name);
  }

  private static InvalidSettingException notText(String name) {
    return new InvalidSettingException("Connection property '" + name
        + "' must be a string, number, boolean, or an array of them (region: [\"us-east-1\", \"eu-west-1\"]).");
  }
}
