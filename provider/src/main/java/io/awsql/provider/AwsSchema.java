package io.awsql.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code aws} schema: one sub-schema per service ({@code ec2}, ...), each holding its resource
 * tables, all reading AWS through one connection's clients.
 */
public final class AwsSchema extends AbstractSchema implements AutoCloseable {
  private final ConnectionSettings settings;
  private final AwsClients clients;
  private final ExecutorService executor;
  private final Writes writes;
  private final Map<String, Schema> services = new LinkedHashMap<>();

  public AwsSchema(ConnectionSettings settings) {
    this.settings = settings;
    this.clients = new AwsClients(settings);
    this.writes = new Writes(clients, settings);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "awsql-fetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Map<String, Map<String, Table>> tablesByService = new LinkedHashMap<>();
    for (ResourceDefinition<?> definition : Resources.ALL) {
      tablesByService.computeIfAbsent(definition.schema(), s -> new LinkedHashMap<>())
          .put(definition.name(), new ResourceTable<>(definition, clients, executor, writes, settings));
    }
    tablesByService.forEach((service, tables) -> services.put(service, new ServiceSchema(tables)));
  }

  @Override
  protected Map<String, Schema> getSubSchemaMap() {
    return services;
  }

  public AwsClients clients() {
    return clients;
  }

  /** The connection's INSERTs: what they created, and batches checked whole before their first request. */
  public Writes writes() {
    return writes;
  }

  public ConnectionSettings settings() {
    return settings;
  }

  /** The service schema names, e.g. {@code [ec2]}. */
  public List<String> serviceNames() {
    return new ArrayList<>(services.keySet());
  }

  public Schema service(String name) {
    return services.get(name);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    clients.close();
  }

  /** The tables of one service. */
  static final class ServiceSchema extends AbstractSchema {
    private final Map<String, Table> tables;

    ServiceSchema(Map<String, Table> tables) {
      this.tables = Map.copyOf(tables);
    }

    @Override
    protected Map<String, Table> getTableMap() {
      return tables;
    }
  }
}
