package io.awsql.provider.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awsql.provider.ApiCall;
import io.awsql.provider.AwsClients;
import io.awsql.provider.ColumnPushdown;
import io.awsql.provider.PageSource;
import io.awsql.provider.ResourceColumn;
import io.awsql.provider.ResourceDefinition;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.sql.type.SqlTypeName;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * {@code aws.ec2.snapshots}: EBS snapshots, listed by DescribeSnapshots. By default only the caller's own
 * ({@code OwnerIds=self}), as with images, since every public snapshot of the region is visible too;
 * {@code snapshotId}, {@code ownerId} or {@code ownerAlias} in the WHERE clause widen the scope to what they name.
 * Names and descriptions follow the EC2 API reference.
 */
public final class SnapshotsResource {
  /** DescribeSnapshots' MaxResults range is 5..1000. */
  static final int MIN_RESULTS = 5;
  static final int MAX_RESULTS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotsResource() {}

  public static final ResourceDefinition<Snapshot> DEFINITION = ResourceDefinition
      .<Snapshot>builder("ec2", "snapshots", "DescribeSnapshots")
      .description("EBS snapshots: by default the account's own (OwnerIds=self); snapshotId, ownerId or ownerAlias "
          + "in WHERE widen it to the snapshots they name, public ones included.")
      .column(ResourceColumn.<Snapshot>of("snapshotId", SqlTypeName.VARCHAR, "The ID of the snapshot. Each snapshot "
              + "receives a unique identifier when it is created.", Snapshot::snapshotId)
          .pushedAs(ColumnPushdown.filter("snapshot-id")))
      .column(ResourceColumn.<Snapshot>of("volumeId", SqlTypeName.VARCHAR, "The ID of the volume that was used to "
              + "create the snapshot (arbitrary for snapshots made by a copy).", Snapshot::volumeId)
          .pushedAs(ColumnPushdown.filter("volume-id")))
      .column(ResourceColumn.<Snapshot>of("state", SqlTypeName.VARCHAR, "The snapshot state (pending, completed, "
              + "error, recoverable, recovering).", Snapshot::stateAsString)
          .pushedAs(ColumnPushdown.filter("status")))
      .column(ResourceColumn.of("progress", SqlTypeName.VARCHAR, "The progress of the snapshot, as a percentage, "
          + "as EC2 gives it (\"100%\").", Snapshot::progress))
      .column(ResourceColumn.of("startTime", SqlTypeName.TIMESTAMP, "The time stamp when the snapshot was initiated "
          + "(UTC).", Snapshot::startTime))
      .column(ResourceColumn.of("volumeSize", SqlTypeName.INTEGER, "The size of the volume, in GiB.",
          Snapshot::volumeSize))
      .column(ResourceColumn.of("description", SqlTypeName.VARCHAR, "The description for the snapshot.",
          Snapshot::description))
      .column(ResourceColumn.<Snapshot>of("ownerId", SqlTypeName.VARCHAR, "The ID of the Amazon Web Services account "
              + "that owns the EBS snapshot.", Snapshot::ownerId)
          .pushedAs(ColumnPushdown.filter("owner-id")))
      .column(ResourceColumn.<Snapshot>of("ownerAlias", SqlTypeName.VARCHAR, "The Amazon Web Services owner alias, "
              + "from an Amazon-maintained list (amazon); null for snapshots of an account.", Snapshot::ownerAlias)
          .pushedAs(ColumnPushdown.filter("owner-alias")))
      .column(ResourceColumn.of("encrypted", SqlTypeName.BOOLEAN, "Whether the snapshot is encrypted.",
          Snapshot::encrypted))
      .column(ResourceColumn.of("kmsKeyId", SqlTypeName.VARCHAR, "The ARN of the KMS key that was used to protect "
          + "the volume encryption key for the parent volume; null if the snapshot is not encrypted.",
          Snapshot::kmsKeyId))
      .column(ResourceColumn.<Snapshot>of("storageTier", SqlTypeName.VARCHAR, "The storage tier in which the snapshot "
              + "is stored: standard (ready for use) or archive (must be restored before it can be used).",
              Snapshot::storageTierAsString)
          .pushedAs(ColumnPushdown.filter("storage-tier")))
      .column(ResourceColumn.of("tags", SqlTypeName.VARCHAR, "The snapshot's tags as a JSON object, {\"key\": "
          + "\"value\"}; read one with JSON_VALUE(tags, '$.team').", SnapshotsResource::tagsJson))
      .pages(SnapshotsResource::pages)
      .pageSize(MIN_RESULTS, MAX_RESULTS)
      // The account's own snapshots unless the query names others: a region's public snapshots are many.
      .defaultParameter("OwnerIds", List.of("self"), "snapshot-id", "owner-id", "owner-alias")
      .build();

  private static Iterator<List<Snapshot>> pages(AwsClients clients, ApiCall call) {
    Ec2Client ec2 = clients.client(Ec2Client.class, call.account(), call.region(), Ec2Client::builder);
    DescribeSnapshotsRequest.Builder request = DescribeSnapshotsRequest.builder();
    Map<String, List<String>> filters = call.filters();
    if (call.defaults().containsKey("OwnerIds")) {
      request.ownerIds(call.defaults().get("OwnerIds"));
    }
    if (!filters.isEmpty()) {
      request.filters(filters.entrySet().stream()
          .map(f -> Filter.builder().name(f.getKey()).values(f.getValue()).build()).toList());
    }
    if (call.pageSize() != null) {
      request.maxResults(call.pageSize());
    }
    Iterator<DescribeSnapshotsResponse> responses = ec2.describeSnapshotsPaginator(request.build()).iterator();
    return PageSource.map(responses, DescribeSnapshotsResponse::snapshots);
  }

  private static String tagsJson(Snapshot snapshot) {
    if (!snapshot.hasTags()) {
      return null;
    }
    Map<String, String> tags = new TreeMap<>();
    snapshot.tags().forEach(t -> tags.put(t.key(), t.value()));
    try {
      return JSON.writeValueAsString(tags);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of a plain map cannot fail", e);
    }
  }
}
