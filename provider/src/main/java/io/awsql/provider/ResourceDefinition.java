package io.awsql.provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One AWS resource as a table, entirely as data: where it lives in the schema tree, its columns, how it
 * lists, and what the API can filter. {@link ResourceTable} turns any definition into a Calcite table.
 * Written with {@link #builder}, whose named steps say what each setting means.
 *
 * @param schema the service schema under {@code aws}, e.g. {@code ec2}
 * @param name the table name, e.g. {@code store_image_tasks}
 * @param description the API's description of the resource (table remarks)
 * @param operation the listing operation, e.g. {@code DescribeStoreImageTasks} (plans and messages)
 * @param columns the columns, except {@code region} and {@code account}, which every table has first
 * @param pages how one call's pages are fetched
 * @param idsOverrideFilters the API ignores filters when ids are given (as EC2 does), so with ids no
 *     filter is sent and filter predicates are evaluated locally
 * @param minPageSize the smallest page size the API accepts (asked for when a LIMIT needs fewer rows)
 * @param maxPageSize the largest page size the API accepts, or 0 when the API takes none
 * @param pageSizeWithIds whether a page size may be sent together with ids
 * @param create how INSERT creates the resource, or null for a read-only table
 * @param defaultParameters request parameters sent unless the query pushes certain filters
 * @param <T> the SDK model class of one item
 */
public record ResourceDefinition<T>(
    String schema,
    String name,
    String description,
    String operation,
    List<ResourceColumn<T>> columns,
    PageSource<T> pages,
    boolean idsOverrideFilters,
    int minPageSize,
    int maxPageSize,
    boolean pageSizeWithIds,
    CreateDefinition create,
    List<DefaultParameter> defaultParameters) {

  public ResourceDefinition {
    columns = List.copyOf(columns);
    defaultParameters = List.copyOf(defaultParameters);
  }

  /** Fully qualified, as users write it: {@code aws.ec2.store_image_tasks}. */
  public String qualifiedName() {
    return "aws." + schema + "." + name;
  }

  /**
   * A parameter the listing call sends by default, e.g. DescribeImages' {@code Owners=self}: left out when
   * the query pushes one of {@code unlessFilters}, which name what to list instead.
   */
  public record DefaultParameter(String name, List<String> values, Set<String> unlessFilters) {
    public DefaultParameter {
      values = List.copyOf(values);
      unlessFilters = Set.copyOf(unlessFilters);
    }
  }

  /** A definition of table {@code aws.<schema>.<name>}, listed by {@code operation}. */
  public static <T> Builder<T> builder(String schema, String name, String operation) {
    return new Builder<>(schema, name, operation);
  }

  /** Named steps for a definition; {@link #build()} checks that what a table needs is there. */
  public static final class Builder<T> {
    private final String schema;
    private final String name;
    private final String operation;
    private String description;
    private final List<ResourceColumn<T>> columns = new ArrayList<>();
    private PageSource<T> pages;
    private boolean idsOverrideFilters;
    private int minPageSize = 1;
    private int maxPageSize;
    private boolean pageSizeWithIds = true;
    private CreateDefinition create;
    private final List<DefaultParameter> defaultParameters = new ArrayList<>();

    private Builder(String schema, String name, String operation) {
      this.schema = schema;
      this.name = name;
      this.operation = operation;
    }

    /** The API reference's description of the resource (the table's remarks). */
    public Builder<T> description(String text) {
      this.description = text;
      return this;
    }

    public Builder<T> column(ResourceColumn<T> column) {
      columns.add(column);
      return this;
    }

    /** How one call's pages are fetched, normally with the SDK's paginator. */
    public Builder<T> pages(PageSource<T> source) {
      this.pages = source;
      return this;
    }

    /** The API takes a page size from {@code min} to {@code max} items (asked for: max, or what a LIMIT needs). */
    public Builder<T> pageSize(int min, int max) {
      this.minPageSize = min;
      this.maxPageSize = max;
      return this;
    }

    /** The API refuses a page size together with an id list (EC2's InvalidParameterCombination). */
    public Builder<T> noPageSizeWithIds() {
      this.pageSizeWithIds = false;
      return this;
    }

    /** The API ignores filters when an id list is given: with ids, filter predicates stay with awsql. */
    public Builder<T> idsOverrideFilters() {
      this.idsOverrideFilters = true;
      return this;
    }

    /** Sends {@code name=values} unless the query pushes one of {@code unlessFilters}. */
    public Builder<T> defaultParameter(String parameter, List<String> values, String... unlessFilters) {
      defaultParameters.add(new DefaultParameter(parameter, values, Set.of(unlessFilters)));
      return this;
    }

    /** INSERT creates the resource this way. */
    public Builder<T> create(CreateDefinition definition) {
      this.create = definition;
      return this;
    }

    /** @throws IllegalStateException when the description, columns or pages are missing, or names repeat */
    public ResourceDefinition<T> build() {
      String table = "aws." + schema + "." + name;
      if (description == null || columns.isEmpty() || pages == null || operation == null) {
        throw new IllegalStateException(table + " needs a description, columns, an operation and pages");
      }
      Set<String> names = new HashSet<>(Set.of(ResourceTable.REGION, ResourceTable.ACCOUNT));
      for (ResourceColumn<T> column : columns) {
        if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
          throw new IllegalStateException(table + " has two columns named " + column.name());
        }
      }
      return new ResourceDefinition<>(schema, name, description, operation, columns, pages,
          idsOverrideFilters, minPageSize, maxPageSize, pageSizeWithIds, create, defaultParameters);
    }
  }
}
