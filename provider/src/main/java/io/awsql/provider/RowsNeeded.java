package io.awsql.provider;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * How a LIMIT reaches a resource scan: {@link LimitToScanRule} adds {@code ROWS_NEEDED(n)} to the scan's
 * filters (the only input Calcite hands a {@code ProjectableFilterableTable}), and the scan takes it out
 * again before anything evaluates it. It is a hint, not a predicate: the LIMIT stays in the plan.
 */
final class RowsNeeded {
  static final SqlFunction FUNCTION = new SqlFunction("ROWS_NEEDED", SqlKind.OTHER_FUNCTION, ReturnTypes.BOOLEAN,
      null, OperandTypes.NUMERIC, SqlFunctionCategory.SYSTEM);

  private RowsNeeded() {}

  static RexNode hint(RexBuilder rexBuilder, long rows) {
    return rexBuilder.makeCall(FUNCTION, rexBuilder.makeBigintLiteral(BigDecimal.valueOf(rows)));
  }

  static boolean isHint(RexNode filter) {
    return filter instanceof RexCall call && call.getOperator() == FUNCTION;
  }

  /** Removes the hint from {@code conjuncts} and returns its row count, or 0 when there was none. */
  static long take(List<RexNode> conjuncts) {
    long rows = 0;
    for (var it = conjuncts.iterator(); it.hasNext(); ) {
      RexNode filter = it.next();
      if (isHint(filter)) {
        Long value = ((RexLiteral) ((RexCall) filter).getOperands().get(0)).getValueAs(Long.class);
        rows = value == null ? rows : value;
        it.remove();
      }
    }
    return rows;
  }
}
