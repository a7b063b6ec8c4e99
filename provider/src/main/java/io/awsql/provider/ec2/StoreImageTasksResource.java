package io.awsql.provider.ec2;

import io.awsql.provider.ApiCall;
import io.awsql.provider.AwsClients;
import io.awsql.provider.ColumnPushdown;
import io.awsql.provider.PageSource;
import io.awsql.provider.ResourceColumn;
import io.awsql.provider.ResourceDefinition;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/**
 * {@code aws.ec2.store_image_tasks}: EC2's AMI store tasks of the last 31 days, listed by
 * DescribeStoreImageTasks. Names and descriptions follow the EC2 API reference and StackQL.
 */
public final class StoreImageTasksResource {
  /** EC2 accepts at most this many ImageIds in one call. */
  static final int IMAGE_IDS_PER_CALL = 20;
  /** DescribeStoreImageTasks' MaxResults range is 1..200. */
  static final int MAX_RESULTS = 200;

  private StoreImageTasksResource() {}

  public static final ResourceDefinition<StoreImageTaskResult> DEFINITION = ResourceDefinition
      .<StoreImageTaskResult>builder("ec2", "store_image_tasks", "DescribeStoreImageTasks")
      .description("The progress of AMI store tasks (AMIs stored as objects in Amazon S3) from the last 31 days, "
          + "newest first.")
      .column(ResourceColumn.<StoreImageTaskResult>of("amiId", SqlTypeName.VARCHAR,
              "The ID of the AMI that is being stored.", StoreImageTaskResult::amiId)
          .pushedAs(ColumnPushdown.idList("ImageIds", IMAGE_IDS_PER_CALL)))
      .column(ResourceColumn.of("taskStartTime", SqlTypeName.TIMESTAMP,
          "The time the task started (UTC).", StoreImageTaskResult::taskStartTime))
      .column(ResourceColumn.<StoreImageTaskResult>of("bucket", SqlTypeName.VARCHAR,
              "The name of the Amazon S3 bucket that contains the stored AMI object.", StoreImageTaskResult::bucket)
          .pushedAs(ColumnPushdown.filter("bucket")))
      .column(ResourceColumn.of("s3objectKey", SqlTypeName.VARCHAR,
          "The name of the stored AMI object in the bucket.", StoreImageTaskResult::s3objectKey))
      .column(ResourceColumn.of("progressPercentage", SqlTypeName.INTEGER,
          "The progress of the task as a percentage.", StoreImageTaskResult::progressPercentage))
      .column(ResourceColumn.<StoreImageTaskResult>of("storeTaskState", SqlTypeName.VARCHAR,
              "The state of the store task (InProgress, Completed, or Failed).", StoreImageTaskResult::storeTaskState)
          .pushedAs(ColumnPushdown.filter("task-state")))
      .column(ResourceColumn.of("storeTaskFailureReason", SqlTypeName.VARCHAR,
          "If the task fails, the reason for the failure; null if the task succeeds.",
          // AWS sends an empty element for tasks that did not fail: that is "no reason", not a reason.
          task -> task.storeTaskFailureReason() == null || task.storeTaskFailureReason().isEmpty()
              ? null : task.storeTaskFailureReason()))
      .column(ResourceColumn.of("s3ObjectTags", SqlTypeName.VARCHAR,
          "INSERT only: tags for the stored S3 object, as JSON ({\"key\": \"value\"} or [{\"Key\": \"k\", "
              + "\"Value\": \"v\"}]). DescribeStoreImageTasks does not return tags, so it reads as null.",
          task -> null))
      .pages(StoreImageTasksResource::pages)
      .pageSize(1, MAX_RESULTS)
      .noPageSizeWithIds() // MaxResults with ImageIds is InvalidParameterCombination
      .idsOverrideFilters() // "When you specify the ImageIds parameter, any filters that you specify are ignored."
      .create(StoreImageTasksInsert.DEFINITION)
      .build();

  private static Iterator<List<StoreImageTaskResult>> pages(AwsClients clients, ApiCall call) {
    Ec2Client ec2 = clients.client(Ec2Client.class, call.account(), call.region(), Ec2Client::builder);
    DescribeStoreImageTasksRequest.Builder request = DescribeStoreImageTasksRequest.builder();
    if (!call.ids().isEmpty()) {
      request.imageIds(call.ids());
    }
    if (!call.filters().isEmpty()) {
      request.filters(call.filters().entrySet().stream()
          .map(f -> Filter.builder().name(f.getKey()).values(f.getValue()).build()).toList());
    }
    if (call.pageSize() != null) {
      request.maxResults(call.pageSize());
    }
    Iterator<DescribeStoreImageTasksResponse> responses =
        ec2.describeStoreImageTasksPaginator(request.build()).iterator();
    return PageSource.map(responses, DescribeStoreImageTasksResponse::storeImageTaskResults);
  }
}
