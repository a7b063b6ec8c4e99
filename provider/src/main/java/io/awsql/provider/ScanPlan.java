package io.awsql.provider;

import java.util.List;
import org.apache.calcite.rex.RexNode;

/**
 * The AWS calls one scan makes, as {@link ScanPlanner} decided them.
 *
 * @param regionsNamed whether the query named its regions ({@code region = / IN}), not the connection
 * @param accountsNamed whether the query named its accounts
 * @param regionCount the regions called
 * @param accountCount the accounts called
 * @param rowBudget the rows a LIMIT can use, when the calls return only rows that match; 0: all
 * @param leftToCalcite the predicates the calls do not evaluate exactly
 */
record ScanPlan(List<ApiCall> calls, boolean regionsNamed, boolean accountsNamed, int regionCount,
    int accountCount, long rowBudget, List<RexNode> leftToCalcite) {
  ScanPlan {
    calls = List.copyOf(calls);
    leftToCalcite = List.copyOf(leftToCalcite);
  }
}
