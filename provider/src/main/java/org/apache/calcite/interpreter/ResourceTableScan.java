package org.apache.calcite.interpreter;

import com.google.common.collect.ImmutableList;
import io.awsql.provider.ResourceTable;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.ImmutableIntList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A scan of an AWS resource table whose plan says what it will ask AWS: the listing operation, how many
 * calls, which accounts and regions, the parameters and filters pushed, the page size, and the predicates
 * left to Calcite. Otherwise it is Calcite's bindable scan, run by the same interpreter; it sits in Calcite's
 * package only because that scan's constructor is package-private.
 */
public final class ResourceTableScan extends Bindables.BindableTableScan {
  /**
   * Cheaper than the bindable scan it replaces and, under the interpreter, than Calcite's enumerable scan of
   * the whole table, so the planner keeps it; it is the same scan either way. Uniform, so it does not change
   * which filters and projections the planner pushes.
   */
  private static final double COST_FACTOR = 0.4d;

  private ResourceTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      List<RexNode> filters, List<Integer> projects) {
    super(cluster, traitSet, table, ImmutableList.copyOf(filters),
        ImmutableIntList.copyOf(projects));
  }

  /** The same scan as {@code scan} (a resource table's), explained in AWS's terms. */
  public static ResourceTableScan of(Bindables.BindableTableScan scan, List<RexNode> filters) {
    return new ResourceTableScan(scan.getCluster(), scan.getTraitSet(), scan.getTable(), filters, scan.projects);
  }

  /** Whether {@code table} is an AWS resource table. */
  public static boolean isResourceTable(RelOptTable table) {
    return table.unwrap(ResourceTable.class) != null;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ResourceTableScan(getCluster(), traitSet, table, filters, projects);
  }

  /**
   * The calls, for plans shown to people only: Calcite also builds every node's digest (its identity in the
   * planner) from these terms, many times per query, and the calls follow from table, filters and projects,
   * which the digest already has; working them out there would plan the calls again and again.
   */
  @Override
  public RelWriter explainTerms(RelWriter pw) {
    RelWriter terms = super.explainTerms(pw);
    ResourceTable<?> resource = table.unwrap(ResourceTable.class);
    if (resource != null && pw.getDetailLevel() != SqlExplainLevel.DIGEST_ATTRIBUTES) {
      terms.item("aws", resource.explainCalls(filters));
    }
    return terms;
  }

  @Override
  public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(COST_FACTOR);
  }
}
