package io.awsql.provider;

import java.util.List;

/**
 * One AWS resource as a table, entirely as data: where it lives in the schema tree, its columns, how it
 * lists, and what the API can filter. {@link ResourceTable} turns any definition into a Calcite table.
 *
 * @param schema the service schema under {@code aws}, e.g. {@code ec2}
 * @param name the table name, e.g. {@code store_image_tasks}
 * @param description the API's description of the resource (table remarks)
 * @param columns the columns, except {@code region}, which every table has first
 * @param pages how one call's pages are fetched
 * @param idsOverrideFilters the API ignores filters when ids are given (as EC2 does), so with ids no
 *     filter is sent and filter predicates are evaluated locally
 * @param minPageSize the smallest page size the API accepts (asked for when a LIMIT needs fewer rows)
 * @param maxPageSize the largest page size the API accepts, or 0 when the API takes none
 * @param pageSizeWithIds whether a page size may be sent together with ids
 * @param create how INSERT creates the resource, or null for a read-only table
 * @param <T> the SDK model class of one item
 */
public record ResourceDefinition<T>(
    String schema,
    String name,
    String description,
    List<ResourceColumn<T>> columns,
    PageSource<T> pages,
    boolean idsOverrideFilters,
    int minPageSize,
    int maxPageSize,
    boolean pageSizeWithIds,
    CreateDefinition create) {

  public ResourceDefinition {
    columns = List.copyOf(columns);
  }

  /** Fully qualified, as users write it: {@code aws.ec2.store_image_tasks}. */
  public String qualifiedName() {
    return "aws." + schema + "." + name;
  }
}
