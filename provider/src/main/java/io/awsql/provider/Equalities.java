package io.awsql.provider;

import com.google.common.collect.Range;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * A predicate that restricts one column to a finite set of string values: {@code col = 'a'},
 * {@code col IN ('a', 'b')} (Calcite's SEARCH over points), or an OR of such equalities on one column.
 * A bound parameter ({@code col = ?}, {@code col IN (?, ?)}) counts as its value at execution. Only these
 * shapes can become API parameters; anything else is left to Calcite.
 *
 * @param column the 0-based column index in the table's row type
 * @param values the values, any of which may match
 */
public record Equalities(int column, Set<String> values) {

  /** The value set {@code predicate} restricts a column to, or null when it is of no such shape. */
  public static Equalities of(RexNode predicate) {
    return of(predicate, null);
  }

  /**
   * As {@link #of(RexNode)}, with the values of bound parameters taken from {@code parameters} (the
   * execution's DataContext); without it, a predicate on a parameter is of no pushable shape.
   */
  public static Equalities of(RexNode predicate, DataContext parameters) {
    switch (predicate.getKind()) {
      case EQUALS: {
        RexCall call = (RexCall) predicate;
        Equalities e = refEqualsValue(call.getOperands().get(0), call.getOperands().get(1), parameters);
        return e != null ? e : refEqualsValue(call.getOperands().get(1), call.getOperands().get(0), parameters);
      }
      case SEARCH: {
        RexCall call = (RexCall) predicate;
        if (!(call.getOperands().get(0) instanceof RexInputRef ref)
            || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
          return null;
        }
        Sarg<?> sarg = literal.getValueAs(Sarg.class);
        if (sarg == null || !sarg.isPoints() || sarg.nullAs == RexUnknownAs.TRUE) {
          return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (Range<?> range : sarg.rangeSet.asRanges()) {
          String value = text(range.lowerEndpoint());
          if (value == null) {
            return null;
          }
          values.add(value);
        }
        return new Equalities(ref.getIndex(), values);
      }
      case OR: {
        Integer column = null;
        Set<String> values = new LinkedHashSet<>();
        for (RexNode disjunct : ((RexCall) predicate).getOperands()) {
          Equalities e = of(disjunct, parameters);
          if (e == null || (column != null && column != e.column())) {
            return null;
          }
          column = e.column();
          values.addAll(e.values());
        }
        return column == null ? null : new Equalities(column, values);
      }
      default:
        return null;
    }
  }

  private static Equalities refEqualsValue(RexNode left, RexNode right, DataContext parameters) {
    if (right.getKind() == SqlKind.CAST) {
      right = ((RexCall) right).getOperands().get(0);
    }
    if (!(left instanceof RexInputRef ref)) {
      return null;
    }
    if (right instanceof RexLiteral literal) {
      String value = text(literal.getValue());
      return value == null ? null : new Equalities(ref.getIndex(), Set.of(value));
    }
    if (right instanceof RexDynamicParam param && parameters != null) {
      Object bound = parameters.get("?" + param.getIndex());
      if (bound == null) {
        return new Equalities(ref.getIndex(), Set.of()); // col = NULL holds for no row
      }
      String value = text(bound);
      return value == null ? null : new Equalities(ref.getIndex(), Set.of(value));
    }
    return null;
  }

  private static String text(Object value) {
    if (value instanceof NlsString nls) {
      return nls.getValue();
    }
    return value instanceof String s ? s : null;
  }
}
