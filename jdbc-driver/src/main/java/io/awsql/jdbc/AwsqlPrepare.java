package io.awsql.jdbc;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;

/**
 * Calcite's statement preparation with metadata handlers that need no code generation. (The provider's
 * planner rules come with its tables: {@code ResourceTable.toRel}.)
 */
final class AwsqlPrepare extends CalcitePrepareImpl {
  /**
   * Calcite's default metadata handlers are Java source compiled by Janino on first use: about 200 ms of a
   * fresh JVM's first query here (bench/run-first-query). Proxies over the same providers answer the same,
   * start at once, and planned no slower on warm new query texts (3-4 ms each, measured either way).
   */
  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(
        new ProxyingMetadataHandlerProvider(DefaultRelMetadataProvider.INSTANCE)));
    return cluster;
  }
}
