package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Which predicates are a finite set of values on one column (what an API can take), and which are not. */
class EqualitiesTest {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final RelDataType VARCHAR = TYPES.createSqlType(SqlTypeName.VARCHAR);
  private static final RelDataType INTEGER = TYPES.createSqlType(SqlTypeName.INTEGER);

  private static RexNode column(int i) {
    return REX.makeInputRef(VARCHAR, i);
  }

  private static RexNode text(String value) {
    return REX.makeLiteral(value);
  }

  private static RexNode eq(RexNode a, RexNode b) {
    return REX.makeCall(SqlStdOperatorTable.EQUALS, a, b);
  }

  @Test
  void anEqualityEitherWayRound() {
    assertEquals(new Equalities(3, Set.of("x")), Equalities.of(eq(column(3), text("x"))));
    assertEquals(new Equalities(3, Set.of("x")), Equalities.of(eq(text("x"), column(3))));
  }

  @Test
  void inListsAndOrsOfEqualitiesOnOneColumn() {
    RexNode in = REX.makeIn(column(2), List.of(text("a"), text("b"), text("c")));
    assertEquals(new Equalities(2, Set.of("a", "b", "c")), Equalities.of(in), in.toString());
    RexNode or = REX.makeCall(SqlStdOperatorTable.OR, eq(column(2), text("a")), eq(column(2), text("b")));
    assertEquals(new Equalities(2, Set.of("a", "b")), Equalities.of(or));
  }

  @Test
  void shapesThatAreNoFiniteSetOnOneColumnAreLeftToCalcite() {
    assertNull(Equalities.of(REX.makeCall(SqlStdOperatorTable.OR, eq(column(2), text("a")), eq(column(3), text("b")))),
        "an OR across two columns");
    assertNull(Equalities.of(REX.makeCall(SqlStdOperatorTable.NOT_EQUALS, column(2), text("a"))), "<>");
    assertNull(Equalities.of(REX.makeCall(SqlStdOperatorTable.LIKE, column(2), text("a%"))), "LIKE");
    assertNull(Equalities.of(eq(column(2), column(3))), "two columns");
    assertNull(Equalities.of(REX.makeCall(SqlStdOperatorTable.GREATER_THAN, REX.makeInputRef(INTEGER, 1),
        REX.makeExactLiteral(BigDecimal.ONE))), "a range");
    assertNull(Equalities.of(eq(REX.makeInputRef(INTEGER, 1), REX.makeExactLiteral(BigDecimal.ONE))),
        "a number: API parameters are text");
  }

  @Test
  void aBoundParameterCountsAsItsValueOnlyWhenTheExecutionIsKnown() {
    RexNode onParameter = eq(column(4), REX.makeDynamicParam(VARCHAR, 0));
    assertNull(Equalities.of(onParameter), "planning without an execution: unknown, left to Calcite");
    DataContext bound = DataContexts.of(Map.of("?0", "acme"));
    assertEquals(new Equalities(4, Set.of("acme")), Equalities.of(onParameter, bound));
    DataContext boundToNull = DataContexts.of(name -> null);
    assertEquals(new Equalities(4, Set.of()), Equalities.of(onParameter, boundToNull), "= NULL holds for no row");
  }
}
