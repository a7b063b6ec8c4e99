package io.awsql.provider.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awsql.provider.ApiCall;
import io.awsql.provider.AwsClients;
import io.awsql.provider.ColumnPushdown;
import io.awsql.provider.PageSource;
import io.awsql.provider.ResourceColumn;
import io.awsql.provider.ResourceDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.sql.type.SqlTypeName;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * {@code aws.ec2.images}: AMIs, listed by DescribeImages. By default only the caller's own images
 * ({@code Owners=self}), as inventory tools do, since every public image of the region is visible too;
 * {@code imageId}, {@code ownerId} or {@code imageOwnerAlias} in the WHERE clause widen the scope to what they
 * name. Names and descriptions follow the EC2 API reference and StackQL.
 */
public final class ImagesResource {
  /** DescribeImages' MaxResults range is 5..1000. */
  static final int MIN_RESULTS = 5;
  static final int MAX_RESULTS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImagesResource() {}

  public static final ResourceDefinition<Image> DEFINITION = ResourceDefinition
      .<Image>builder("ec2", "images", "DescribeImages")
      .description("Amazon Machine Images (AMIs): by default the account's own (Owners=self); imageId, ownerId or "
          + "imageOwnerAlias in WHERE widen it to the images they name, public ones included.")
      .column(ResourceColumn.<Image>of("imageId", SqlTypeName.VARCHAR, "The ID of the AMI.", Image::imageId)
          .pushedAs(ColumnPushdown.filter("image-id")))
      .column(ResourceColumn.<Image>of("name", SqlTypeName.VARCHAR, "The name of the AMI that was provided during "
              + "image creation.", Image::name)
          .pushedAs(ColumnPushdown.filter("name")))
      .column(ResourceColumn.of("description", SqlTypeName.VARCHAR, "The description of the AMI that was provided "
          + "during image creation.", Image::description))
      .column(ResourceColumn.<Image>of("ownerId", SqlTypeName.VARCHAR, "The ID of the Amazon Web Services account that "
              + "owns the image.", Image::ownerId)
          .pushedAs(ColumnPushdown.filter("owner-id")))
      .column(ResourceColumn.<Image>of("imageOwnerAlias", SqlTypeName.VARCHAR, "The owner alias (amazon, "
              + "aws-marketplace), or null for images of an account.", Image::imageOwnerAlias)
          .pushedAs(ColumnPushdown.filter("owner-alias")))
      .column(ResourceColumn.of("creationDate", SqlTypeName.TIMESTAMP, "The date and time the image was created (UTC).",
          image -> image.creationDate() == null ? null : Instant.parse(image.creationDate())))
      .column(ResourceColumn.<Image>of("state", SqlTypeName.VARCHAR, "The current state of the AMI (available, "
              + "pending, failed, ...).", Image::stateAsString)
          .pushedAs(ColumnPushdown.filter("state")))
      .column(ResourceColumn.<Image>of("architecture", SqlTypeName.VARCHAR, "The architecture of the image (x86_64, "
              + "arm64, i386, ...).", Image::architectureAsString)
          .pushedAs(ColumnPushdown.filter("architecture")))
      .column(ResourceColumn.<Image>of("platform", SqlTypeName.VARCHAR, "windows for Windows AMIs; otherwise null.",
              Image::platformAsString)
          .pushedAs(ColumnPushdown.filter("platform")))
      .column(ResourceColumn.of("platformDetails", SqlTypeName.VARCHAR, "The platform details associated with the "
          + "billing code of the AMI (Linux/UNIX, Windows, ...).", Image::platformDetails))
      .column(ResourceColumn.<Image>of("imageType", SqlTypeName.VARCHAR,
              "The type of image (machine, kernel, ramdisk).", Image::imageTypeAsString)
          .pushedAs(ColumnPushdown.filter("image-type")))
      .column(ResourceColumn.of("public", SqlTypeName.BOOLEAN, "Whether the image has public launch permissions.",
          Image::publicLaunchPermissions))
      .column(ResourceColumn.<Image>of("rootDeviceType", SqlTypeName.VARCHAR, "The type of root device (ebs or "
              + "instance-store).", Image::rootDeviceTypeAsString)
          .pushedAs(ColumnPushdown.filter("root-device-type")))
      .column(ResourceColumn.<Image>of("virtualizationType", SqlTypeName.VARCHAR, "The type of virtualization (hvm or "
              + "paravirtual).", Image::virtualizationTypeAsString)
          .pushedAs(ColumnPushdown.filter("virtualization-type")))
      .column(ResourceColumn.of("bootMode", SqlTypeName.VARCHAR, "The boot mode of the image (legacy-bios, uefi, "
          + "uefi-preferred).", Image::bootModeAsString))
      .column(ResourceColumn.of("deprecationTime", SqlTypeName.TIMESTAMP, "The date and time the AMI is (or was) "
          + "deprecated (UTC); null if it is not.",
          image -> image.deprecationTime() == null ? null : Instant.parse(image.deprecationTime())))
      .column(ResourceColumn.of("tags", SqlTypeName.VARCHAR, "The image's tags as a JSON object, {\"key\": \"value\"}; "
          + "read one with JSON_VALUE(tags, '$.team').", ImagesResource::tagsJson))
      .column(ResourceColumn.of("blockDeviceMappings", SqlTypeName.VARCHAR, "The block device mappings as a JSON "
          + "list of {deviceName, snapshotId, volumeSize, volumeType, encrypted, deleteOnTermination}.",
          ImagesResource::blockDevicesJson))
      .pages(ImagesResource::pages)
      .pageSize(MIN_RESULTS, MAX_RESULTS)
      .noPageSizeWithIds()
      // The account's own images unless the query names others: all public images of a region are millions.
      .defaultParameter("Owners", List.of("self"), "image-id", "owner-id", "owner-alias")
      .build();

  private static Iterator<List<Image>> pages(AwsClients clients, ApiCall call) {
    Ec2Client ec2 = clients.client(Ec2Client.class, call.account(), call.region(), Ec2Client::builder);
    DescribeImagesRequest.Builder request = DescribeImagesRequest.builder();
    Map<String, List<String>> filters = call.filters();
    if (call.defaults().containsKey("Owners")) {
      request.owners(call.defaults().get("Owners"));
    }
    if (!filters.isEmpty()) {
      request.filters(filters.entrySet().stream()
          .map(f -> Filter.builder().name(f.getKey()).values(f.getValue()).build()).toList());
    }
    if (call.pageSize() != null) {
      request.maxResults(call.pageSize());
    }
    Iterator<DescribeImagesResponse> responses = ec2.describeImagesPaginator(request.build()).iterator();
    return PageSource.map(responses, DescribeImagesResponse::images);
  }

  private static String tagsJson(Image image) {
    if (!image.hasTags()) {
      return null;
    }
    Map<String, String> tags = new TreeMap<>();
    image.tags().forEach(t -> tags.put(t.key(), t.value()));
    return json(tags);
  }

  private static String blockDevicesJson(Image image) {
    if (!image.hasBlockDeviceMappings()) {
      return null;
    }
    List<Map<String, Object>> devices = new ArrayList<>();
    for (BlockDeviceMapping m : image.blockDeviceMappings()) {
      Map<String, Object> device = new LinkedHashMap<>();
      device.put("deviceName", m.deviceName());
      if (m.ebs() != null) {
        device.put("snapshotId", m.ebs().snapshotId());
        device.put("volumeSize", m.ebs().volumeSize());
        device.put("volumeType", m.ebs().volumeTypeAsString());
        device.put("encrypted", m.ebs().encrypted());
        device.put("deleteOnTermination", m.ebs().deleteOnTermination());
      }
      devices.add(device);
    }
    return json(devices);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of plain maps and lists cannot fail", e);
    }
  }
}
