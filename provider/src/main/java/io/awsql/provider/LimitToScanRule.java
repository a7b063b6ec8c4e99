package io.awsql.provider;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.interpreter.ResourceTableScan;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Tells a resource scan how many rows a {@code LIMIT} (plus {@code OFFSET}) directly above it can use, so it
 * asks for pages no larger than needed and no page or region beyond them. Calcite's cassandra and
 * elasticsearch adapters push a fetch in the same place (over the converter to Enumerable, where the
 * scan's own convention is visible); unlike them the limit also stays where it was, so the answer is the
 * same whether or not the scan can honour the hint (it cannot when some predicate is left to Calcite).
 */
public final class LimitToScanRule extends RelOptRule {
  public static final LimitToScanRule INSTANCE = new LimitToScanRule();
  /**
   * Calcite's own rule gives the interpreter over a bindable scan 0.5. The hinted plan gets a hair less:
   * when the scan already has filters Calcite's cost model sees no other difference, and among equals the
   * planner would keep the plan it found first.
   */
  private static final double INTERPRETER_COST_FACTOR = 0.5d * 0.99d;

  private LimitToScanRule() {
    super(operand(EnumerableLimit.class,
        operand(EnumerableInterpreter.class, operand(Bindables.BindableTableScan.class, none()))),
        "LimitToScanRule");
  }

  @Override
  public boolean matches(RelOptRuleCall call) {
    EnumerableLimit limit = call.rel(0);
    Bindables.BindableTableScan scan = call.rel(2);
    return limit.fetch instanceof RexLiteral
        && (limit.offset == null || limit.offset instanceof RexLiteral)
        && scan.getTable().unwrap(ResourceTable.class) != null
        && scan.filters.stream().noneMatch(RowsNeeded::isHint);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    EnumerableLimit limit = call.rel(0);
    Bindables.BindableTableScan scan = call.rel(2);
    Long fetch = ((RexLiteral) limit.fetch).getValueAs(Long.class);
    Long offset = limit.offset == null ? Long.valueOf(0) : ((RexLiteral) limit.offset).getValueAs(Long.class);
    if (fetch == null || offset == null || fetch <= 0 || offset < 0 || fetch > Long.MAX_VALUE - offset) {
      return;
    }
    List<RexNode> filters = new ArrayList<>(scan.filters);
    filters.add(RowsNeeded.hint(scan.getCluster().getRexBuilder(), fetch + offset));
    Bindables.BindableTableScan hinted = ResourceTableScan.of(scan, filters);
    call.transformTo(EnumerableLimit.create(EnumerableInterpreter.create(hinted, INTERPRETER_COST_FACTOR),
        limit.offset, limit.fetch));
  }
}
