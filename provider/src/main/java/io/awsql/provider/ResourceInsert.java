package io.awsql.provider;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;

/**
 * An INSERT into a resource table, as planned before it is made executable: one Create call per source row.
 * Only {@link EnumerableResourceInsert#RULE} implements it, so Calcite never treats a resource table as a
 * collection to add rows to.
 */
final class ResourceInsert extends TableModify {
  ResourceInsert(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalogReader,
      RelNode input) {
    super(cluster, traits, table, catalogReader, input, Operation.INSERT, null, null, false);
  }

  static ResourceInsert create(RelOptTable table, Prepare.CatalogReader catalogReader, RelNode input) {
    RelOptCluster cluster = input.getCluster();
    return new ResourceInsert(cluster, cluster.traitSetOf(Convention.NONE), table, catalogReader, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ResourceInsert(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs));
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(EnumerableResourceInsert.RULE);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return EnumerableResourceInsert.explainCalls(super.explainTerms(pw), getTable());
  }
}
