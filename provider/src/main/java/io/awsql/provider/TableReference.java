package io.awsql.provider;

import java.util.List;
import java.util.stream.Collectors;

/** Writes the user-facing table reference (docs/tables.md) from the resource definitions themselves. */
public final class TableReference {
  private TableReference() {}

  public static String markdown(List<ResourceDefinition<?>> resources) {
    StringBuilder md = new StringBuilder();
    md.append("# Tables\n\n")
        .append("<!-- Generated from the resource definitions by TableReference; do not edit by hand.\n")
        .append("     Regenerate: mvn -pl provider test -Dtest=TableReferenceTest -Ddocs.update=true -->\n\n")
        .append("Every table has a `region` column first: `region = 'x'` or `region IN (...)` chooses the regions\n")
        .append("queried; without it, the connection's regions are. Next comes `account`, the 12-digit id of the\n")
        .append("account the row is from: `account = / IN (...)` chooses among the connection's accounts\n")
        .append("([connection.md](connection.md), \"Several accounts\"). Identifiers are matched case-insensitively.\n")
        .append("How predicates reach AWS: [pushdown.md](pushdown.md).\n");
    for (ResourceDefinition<?> r : resources) {
      md.append("\n## ").append(r.qualifiedName()).append("\n\n").append(r.description()).append("\n\n")
          .append("| column | SQL type | pushed down as | description |\n|---|---|---|---|\n")
          .append("| `region` | VARCHAR | the regions called | ").append(ResourceTable.REGION_DESCRIPTION)
          .append(" |\n")
          .append("| `account` | VARCHAR | the accounts called | ").append(ResourceTable.ACCOUNT_DESCRIPTION)
          .append(" |\n");
      for (ResourceColumn<?> c : r.columns()) {
        md.append("| `").append(c.name()).append("` | ").append(c.type().getName()).append(" | ")
            .append(pushdown(c.pushdown())).append(" | ").append(c.description()).append(" |\n");
      }
      if (r.columns().stream().anyMatch(c -> c.pushdown().kind() == ColumnPushdown.Kind.REQUIRED_PARAMETER)) {
        md.append("\nThe API lists nothing without the required columns, so a query must give them, e.g. `")
            .append(ScanPlanner.exampleQuery(r)).append("`; otherwise it fails before any request.\n");
      }
      if (r.idsOverrideFilters()) {
        md.append("\nWhen an id list is pushed, the API ignores filters: the filter predicates are then evaluated"
            + " by awsql.\n");
      }
      if (r.maxPageSize() > 0) {
        md.append("\nPages of up to ").append(r.maxPageSize()).append(" items are requested")
            .append(r.pageSizeWithIds() ? "" : " (no page size is sent with an id list, as the API requires)")
            .append(".\n");
      }
      if (r.create() != null) {
        md.append("\n### INSERT → ").append(r.create().action()).append("\n\n")
            .append("Each row is one ").append(r.create().action()).append(" call; see [insert.md](insert.md).\n\n")
            .append("| column | also accepted as | required | description |\n|---|---|---|---|\n")
            .append("| `region` | | when the connection has several regions | the Region to create in |\n")
            .append("| `account` | | when the connection has several accounts | the account to create in, one of the ")
            .append("connection's |\n");
        for (CreateInput in : r.create().inputs()) {
          md.append("| `").append(in.column()).append("` | ")
              .append(in.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")))
              .append(" | ").append(in.required() ? "yes" : "no").append(" | ").append(in.description()).append(" |\n");
        }
        md.append("\nExample: `").append(ResourceWriter.example(r, r.create())).append("`\n")
            .append("\nThe other columns are set by AWS: naming one in an INSERT is refused before any request. ")
            .append("`Statement.getGeneratedKeys()` returns one row per created resource: `region`, `account`, ")
            .append(r.create().keyColumns().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
            .append(".\n");
      }
    }
    return md.toString();
  }

  private static String pushdown(ColumnPushdown p) {
    return switch (p.kind()) {
      case NONE -> "—";
      case FILTER -> "filter `" + p.apiName() + "`";
      case ID_LIST -> "local; with `pushIdLists=true`: `" + p.apiName() + "`, " + p.batchSize()
          + " per call, calls in parallel";
      case REQUIRED_PARAMETER -> "**required** (= or IN): `" + p.apiName() + "`, one call per value, in parallel";
    };
  }
}
