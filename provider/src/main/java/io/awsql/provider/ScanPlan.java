package io.awsql.provider;

import java.util.List;
import org.apache.calcite.rex.RexNode;

/**
 * The AWS calls one scan makes, as {@link ScanPlanner} decided them.
 *
 * @param locationsDefaulted whether the query left its regions or accounts to the connection
 * @param locationCount accounts × regions
 * @param rowBudget the rows a LIMIT can use, when the calls return only rows that match; 0: all
 * @param leftToCalcite the predicates the calls do not evaluate exactly
 */
record ScanPlan(List<ApiCall> calls, boolean locationsDefaulted, int locationCount, long rowBudget,
    List<RexNode> leftToCalcite) {
  ScanPlan {
    calls = List.copyOf(calls);
    leftToCalcite = List.copyOf(leftToCalcite);
  }
}
