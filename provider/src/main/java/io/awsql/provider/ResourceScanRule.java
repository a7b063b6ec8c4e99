package io.awsql.provider;

import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.interpreter.ResourceTableScan;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.TableScan;

/**
 * Makes every scan of a resource table a {@link ResourceTableScan}, whose plan text names the AWS calls it
 * makes: the bindable scans Calcite makes when it pushes filters or projections, and the enumerable scan it
 * makes of a whole table (as the interpreter over a scan with nothing pushed, which is what it runs anyway;
 * a {@code LIMIT} can then reach it too).
 */
public final class ResourceScanRule extends RelOptRule {
  public static final ResourceScanRule BINDABLE = new ResourceScanRule(Bindables.BindableTableScan.class);
  public static final ResourceScanRule ENUMERABLE = new ResourceScanRule(EnumerableTableScan.class);
  /** Calcite's own rule gives the interpreter over a bindable scan 0.5. */
  private static final double INTERPRETER_COST_FACTOR = 0.5d;

  private ResourceScanRule(Class<? extends TableScan> scan) {
    super(operand(scan, none()), "ResourceScanRule(" + scan.getSimpleName() + ")");
  }

  @Override
  public boolean matches(RelOptRuleCall call) {
    TableScan scan = call.rel(0);
    return !(scan instanceof ResourceTableScan) && ResourceTableScan.isResourceTable(scan.getTable());
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    TableScan scan = call.rel(0);
    if (scan instanceof Bindables.BindableTableScan bindable) {
      call.transformTo(ResourceTableScan.of(bindable, bindable.filters));
    } else {
      Bindables.BindableTableScan whole = Bindables.BindableTableScan.create(scan.getCluster(), scan.getTable());
      call.transformTo(EnumerableInterpreter.create(ResourceTableScan.of(whole, whole.filters),
          INTERPRETER_COST_FACTOR));
    }
  }
}
