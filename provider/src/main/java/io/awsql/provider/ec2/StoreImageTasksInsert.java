package io.awsql.provider.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awsql.provider.Account;
import io.awsql.provider.AwsClients;
import io.awsql.provider.CreateDefinition;
import io.awsql.provider.CreateInput;
import io.awsql.provider.UnreadableAnswerException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateStoreImageTaskResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.S3ObjectTag;

/**
 * INSERT into {@code aws.ec2.store_image_tasks}: one CreateStoreImageTask per row, storing an AMI as an
 * object in an S3 bucket. Inputs are checked as EC2 and S3 would, before any request.
 */
public final class StoreImageTasksInsert {
  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreImageTasksInsert() {}

  public static final CreateDefinition DEFINITION = new CreateDefinition("CreateStoreImageTask", List.of(
      new CreateInput("amiId", List.of("ImageId"), true, "The ID of the AMI to store.",
          StoreImageTasksInsert::amiIdProblem, "ami-0123456789abcdef0"),
      new CreateInput("bucket", List.of("Bucket"), true,
          "The S3 bucket, in the Region of the request, to store the AMI object in.",
          StoreImageTasksInsert::bucketProblem, "my-ami-bucket"),
      new CreateInput("s3ObjectTags", List.of("S3ObjectTags"), false,
          "Tags for the stored object, as JSON: {\"key\": \"value\"} or [{\"Key\": \"k\", \"Value\": \"v\"}].",
          value -> tagsOrProblem(value) instanceof String problem ? problem : null, "{\"team\": \"platform\"}")),
      StoreImageTasksInsert::create,
      List.of("amiId", "s3objectKey"));

  private static Map<String, String> create(AwsClients clients, Account account, String region,
      Map<String, String> values, boolean dryRun) {
    Ec2Client ec2 = clients.writeClient(Ec2Client.class, account, region, Ec2Client::builder);
    @SuppressWarnings("unchecked")
    List<S3ObjectTag> tags = values.containsKey("s3ObjectTags")
        ? (List<S3ObjectTag>) tagsOrProblem(values.get("s3ObjectTags")) : List.of();
    try {
      CreateStoreImageTaskResponse response = ec2.createStoreImageTask(b -> b
          .imageId(values.get("amiId"))
          .bucket(values.get("bucket"))
          .s3ObjectTags(tags.isEmpty() ? null : tags)
          .dryRun(dryRun ? Boolean.TRUE : null));
      if (response.objectKey() == null) {
        // A success without the object key is no answer EC2 gives: the body was lost or replaced on the way.
        throw new UnreadableAnswerException("HTTP 200 without an objectKey: the answer could not be read");
      }
      return Map.of("s3objectKey", response.objectKey());
    } catch (Ec2Exception e) {
      if (dryRun && e.awsErrorDetails() != null && "DryRunOperation".equals(e.awsErrorDetails().errorCode())) {
        return null; // "Request would have succeeded, but DryRun flag is set."
      }
      throw e;
    }
  }

  static String amiIdProblem(String id) {
    return AMI_ID.matcher(id).matches() ? null
        : "AMI ids are 'ami-' and 8 or 17 lowercase hexadecimal digits, like ami-0123456789abcdef0.";
  }

  /** Amazon S3's naming rules for general purpose buckets. */
  static String bucketProblem(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return "S3 bucket names are 3 to 63 characters long.";
    }
    if (!BUCKET.matcher(name).matches()) {
      return "S3 bucket names use lowercase letters, digits, dots and hyphens, and begin and end with a letter or"
          + " digit.";
    }
    if (name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
      return "S3 bucket names have no two adjacent dots and are not IP addresses.";
    }
    if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")
        || name.endsWith("--ol-s3")) {
      return "S3 bucket names do not start with xn-- or sthree-, nor end with -s3alias or --ol-s3.";
    }
    return null;
  }

  /** The tags as the SDK's S3ObjectTag list, or a String saying what is wrong. */
  static Object tagsOrProblem(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return "s3ObjectTags must be JSON, like {\"team\": \"platform\"}: " + e.getOriginalMessage();
    }
    List<S3ObjectTag> tags = new ArrayList<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          return "the value of tag '" + e.getKey() + "' must be a string.";
        }
        tags.add(S3ObjectTag.builder().key(e.getKey()).value(e.getValue().asText()).build());
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode tag : node) {
        if (!tag.path("Key").isTextual() || !(tag.path("Value").isTextual() || tag.path("Value").isMissingNode())) {
          return "each tag in the list needs a string \"Key\" and a string \"Value\".";
        }
        tags.add(S3ObjectTag.builder().key(tag.get("Key").asText())
            .value(tag.path("Value").isMissingNode() ? "" : tag.get("Value").asText()).build());
      }
    } else {
      return "s3ObjectTags must be a JSON object {\"key\": \"value\"} or a list [{\"Key\": \"k\", \"Value\": \"v\"}].";
    }
    for (S3ObjectTag tag : tags) {
      if (tag.key().isEmpty() || tag.key().length() > 128) {
        return "tag keys are 1 to 128 characters; '" + tag.key() + "' is not.";
      }
      if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        return "tag keys may not start with 'aws:' ('" + tag.key() + "').";
      }
      if (tag.value().length() > 256) {
        return "tag values are at most 256 characters; the value of '" + tag.key() + "' has "
            + tag.value().length() + ".";
      }
    }
    return tags;
  }
}
