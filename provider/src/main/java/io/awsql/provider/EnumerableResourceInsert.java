package io.awsql.provider;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.util.BuiltInMethod;

/**
 * The executable INSERT into a resource table: reads every source row, then hands them to
 * {@link ResourceTable#insert}, which checks them all and makes one Create call per row; its single row is
 * the number of resources created.
 */
public final class EnumerableResourceInsert extends TableModify implements EnumerableRel {
  /** Turns a {@link ResourceInsert} into this. */
  static final ConverterRule RULE = ConverterRule.Config.INSTANCE
      .withConversion(ResourceInsert.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "EnumerableResourceInsertRule")
      .withRuleFactory(Rule::new)
      .toRule(ConverterRule.class);

  EnumerableResourceInsert(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input) {
    super(cluster, traits, table, catalogReader, input, Operation.INSERT, null, null, false);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableResourceInsert(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs));
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return explainCalls(super.explainTerms(pw), getTable());
  }

  /** EXPLAIN names the API call each row becomes. */
  static RelWriter explainCalls(RelWriter pw, RelOptTable table) {
    ResourceTable<?> resource = table.unwrap(ResourceTable.class);
    String action = resource == null || resource.definition().create() == null
        ? "?" : resource.definition().create().action();
    return pw.item("calls", action + " per row, all rows checked first");
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result source = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression sourceRows = builder.append("source", source.block);
    // The source may come as any Java row format; the table takes Object[] rows in its own column order.
    PhysType sourceType = source.physType;
    ParameterExpression row = Expressions.parameter(sourceType.getJavaRowType(), "row");
    List<Expression> fields = new ArrayList<>();
    for (int i = 0; i < sourceType.getRowType().getFieldCount(); i++) {
      fields.add(EnumUtils.convert(sourceType.fieldReference(row, i), Object.class));
    }
    Expression rows = builder.append("rows", Expressions.call(sourceRows, BuiltInMethod.SELECT.method,
        Expressions.lambda(Expressions.newArrayInit(Object.class, fields), row)));
    Expression table = implementor.stash(getTable().unwrap(ResourceTable.class), ResourceTable.class);
    Expression created = Expressions.call(table, "insert", rows);
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    Expression result = physType.getFormat() == JavaRowFormat.ARRAY
        ? Expressions.newArrayInit(Object.class, Expressions.box(created)) : created;
    builder.add(Expressions.return_(null, Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, result)));
    return implementor.result(physType, builder.toBlock());
  }

  /** Converts the logical INSERT, asking for its source in the enumerable convention. */
  private static final class Rule extends ConverterRule {
    Rule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      ResourceInsert insert = (ResourceInsert) rel;
      RelTraitSet traits = insert.getTraitSet().replace(EnumerableConvention.INSTANCE);
      return new EnumerableResourceInsert(insert.getCluster(), traits, insert.getTable(), insert.getCatalogReader(),
          convert(insert.getInput(), traits));
    }
  }
}
