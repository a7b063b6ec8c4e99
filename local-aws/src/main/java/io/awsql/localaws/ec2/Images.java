package io.awsql.localaws.ec2;

import io.awsql.localaws.AccountRegion;
import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.QueryLists;
import io.awsql.localaws.QueryXml;
import io.awsql.localaws.Seed;
import io.awsql.localaws.ServiceHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2's AMIs in every account and region, served by DescribeImages as the API reference describes it: the
 * images of the given ids (InvalidAMIID.NotFound for one that does not exist or the caller may not see), else
 * those of the given owners ({@code self}: the caller's account, {@code amazon}, an account id), else every
 * image the caller may launch (its own account's and public ones); then the filters (wildcards {@code *} and
 * {@code ?} in values, as EC2 takes them); pages of MaxResults (5 to 1000) with a NextToken. Demo images: one
 * owned by the seeded account for each AMI of its seed, and two public Amazon images per region, seen by all.
 */
public final class Images {
  static final String AMAZON = "137112412989";
  static final String DESCRIBE = "DescribeImages";
  private static final Pattern PARAMETERS = Pattern.compile("ImageId\\.\\d+|Owner\\.\\d+|ExecutableBy\\.\\d+"
      + "|Filter\\.\\d+\\.Name|Filter\\.\\d+\\.Value\\.\\d+|MaxResults|NextToken|IncludeDeprecated|IncludeDisabled"
      + "|DryRun");
  private static final List<String> FILTERS = List.of("architecture", "description", "image-id", "image-type",
      "is-public", "name", "owner-alias", "owner-id", "platform", "root-device-type", "state", "virtualization-type",
      "tag:");
  private static final String[] ARCHITECTURES = {"x86_64", "arm64"};

  /** One AMI, with the attributes DescribeImages answers. */
  record Image(String imageId, String name, String description, String ownerId, String ownerAlias,
      Instant creationDate, String state, String architecture, String platform, String platformDetails,
      boolean isPublic, String rootDeviceType, String virtualizationType, String bootMode, Instant deprecationTime,
      Map<String, String> tags, String snapshotId) {}

  /** Each account's own images, per region. */
  private final Map<AccountRegion, Map<String, Image>> owned = new ConcurrentHashMap<>();
  /** Public images, per region: every account sees them. */
  private final Map<String, Map<String, Image>> publicImages = new ConcurrentHashMap<>();

  /** The AMIs of a region's seed, as images of {@code account}, and two public Amazon images in the region. */
  public void load(String account, String region, Seed.RegionSeed seed, Instant now) {
    Map<String, Image> images =
        owned.computeIfAbsent(new AccountRegion(account, region), r -> new ConcurrentHashMap<>());
    Map<String, Image> amazon = publicImages.computeIfAbsent(region, r -> new ConcurrentHashMap<>());
    int n = 0;
    for (Seed.AmiSeed ami : seed.amis()) {
      String arch = ARCHITECTURES[n % 2];
      images.put(ami.id(), new Image(ami.id(), "inventory-service-" + (2024 + n % 3) + "." + (n + 1), "Demo AMI "
          + (n + 1) + " of " + region, account, null, now.minusSeconds(86_400L * (40 + 7 * n)), "available", arch,
          n % 3 == 2 ? "windows" : null, n % 3 == 2 ? "Windows" : "Linux/UNIX", false, "ebs", "hvm",
          arch.equals("arm64") ? "uefi" : "legacy-bios", n % 4 == 3 ? now.plusSeconds(86_400L * 90) : null,
          Map.of("team", n % 2 == 0 ? "platform" : "data", "env", "demo"), "snap-0" + String.format("%016x", n + 1)));
      n++;
    }
    for (int i = 0; i < 2; i++) {
      String id = "ami-0" + String.format("%016x", 0xa0a0L + i + region.hashCode() % 4096 * 16L).substring(0, 16);
      amazon.putIfAbsent(id, new Image(id, "al2023-ami-2023.6." + (20260101 + i) + "-kernel-6.1-" + ARCHITECTURES[i],
          "Amazon Linux 2023 AMI", AMAZON, "amazon", now.minusSeconds(86_400L * 20), "available", ARCHITECTURES[i],
          null, "Linux/UNIX", true, "ebs", "hvm", "uefi-preferred", null, Map.of(),
          "snap-0a" + String.format("%015x", i)));
    }
  }

  /** DescribeImages. */
  public List<Ec2Action> actions() {
    return List.of(StoreImageTasks.action(DESCRIBE, PARAMETERS, this::describe));
  }

  private AwsResponse describe(ServiceHandler.Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    boolean dryRun = Ec2Params.bool(params, "DryRun");
    List<String> ids = QueryLists.members(params, "ImageId", "");
    List<String> owners = QueryLists.members(params, "Owner", "");
    Integer maxResults = Ec2Params.integer(params, "MaxResults");
    String nextToken = Ec2Params.first(params, "NextToken");
    List<Ec2Params.Filter> filters = Ec2Params.filters(params, FILTERS, DESCRIBE);
    ids.forEach(Ec2Params::checkAmiId);
    if (!ids.isEmpty() && maxResults != null) {
      throw new AwsError(400, "InvalidParameterCombination",
          "The parameter MaxResults cannot be used with the parameter ImageId");
    }
    if (maxResults != null && (maxResults < 5 || maxResults > 1000)) {
      throw new AwsError(400, "InvalidParameterValue", "Value ( " + maxResults
          + " ) for parameter MaxResults is invalid. Expecting a value between 5 and 1000.");
    }
    Ec2Params.authorize(call, caller, dryRun);
    // What the caller may see: its own account's images and the public ones.
    Map<String, Image> region = new LinkedHashMap<>(publicImages.getOrDefault(caller.region(), Map.of()));
    region.putAll(owned.getOrDefault(AccountRegion.of(caller), Map.of()));
    String self = caller.account();
    List<Image> candidates = new ArrayList<>();
    if (!ids.isEmpty()) {
      List<String> missing = ids.stream().filter(id -> !visible(region.get(id), self)).toList();
      if (!missing.isEmpty()) {
        throw new AwsError(400, "InvalidAMIID.NotFound", "The image id '" + missing + "' does not exist");
      }
      ids.stream().distinct().map(region::get).forEach(candidates::add);
    } else {
      region.values().stream().filter(i -> visible(i, self)).forEach(candidates::add);
    }
    Predicate<Image> ownedAsAsked = image -> owners.isEmpty() || owners.stream().anyMatch(o -> switch (o) {
      case "self" -> image.ownerId().equals(self);
      case "amazon" -> "amazon".equals(image.ownerAlias());
      case "aws-marketplace" -> "aws-marketplace".equals(image.ownerAlias());
      default -> image.ownerId().equals(o);
    });
    List<Image> matching = candidates.stream().filter(ownedAsAsked)
        .filter(i -> filters.stream().allMatch(f -> matches(f, i)))
        .sorted(Comparator.comparing(Image::imageId)).toList();
    int from = nextToken == null ? 0 : decode(nextToken);
    int size = maxResults == null ? matching.size() : maxResults;
    List<Image> page = matching.subList(Math.min(from, matching.size()), Math.min(from + size, matching.size()));
    QueryXml xml = Ec2Xml.response(DESCRIBE, call.request().requestId()).start("imagesSet");
    for (Image image : page) {
      xml.start("item")
          .element("imageId", image.imageId())
          .element("imageLocation", image.ownerId() + "/" + image.name())
          .element("imageState", image.state())
          .element("imageOwnerId", image.ownerId())
          .element("creationDate", Ec2Xml.timestamp(image.creationDate()))
          .element("isPublic", image.isPublic())
          .element("architecture", image.architecture())
          .element("imageType", "machine");
      if (image.platform() != null) {
        xml.element("platform", image.platform());
      }
      xml.element("platformDetails", image.platformDetails())
          .element("usageOperation", image.platform() == null ? "RunInstances" : "RunInstances:0002");
      if (image.ownerAlias() != null) {
        xml.element("imageOwnerAlias", image.ownerAlias());
      }
      xml.element("name", image.name())
          .element("description", image.description())
          .element("rootDeviceType", image.rootDeviceType())
          .element("rootDeviceName", "/dev/xvda")
          .start("blockDeviceMapping").start("item")
          .element("deviceName", "/dev/xvda")
          .start("ebs").element("snapshotId", image.snapshotId()).element("volumeSize", 8)
          .element("deleteOnTermination", true).element("volumeType", "gp3").element("encrypted", false).end()
          .end().end()
          .element("virtualizationType", image.virtualizationType())
          .element("hypervisor", "xen")
          .element("enaSupport", true)
          .element("bootMode", image.bootMode());
      if (image.deprecationTime() != null) {
        xml.element("deprecationTime", Ec2Xml.timestamp(image.deprecationTime()));
      }
      if (!image.tags().isEmpty()) {
        xml.start("tagSet");
        new TreeMap<>(image.tags()).forEach((k, v) -> xml.start("item").element("key", k).element("value", v).end());
        xml.end();
      }
      xml.end();
    }
    xml.end();
    if (from + page.size() < matching.size()) {
      xml.element("nextToken", encode(from + page.size()));
    }
    return AwsResponse.ok(Ec2Xml.CONTENT_TYPE, xml.end().finish());
  }

  /** Images an account may see: its own, and public ones. */
  private static boolean visible(Image image, String account) {
    return image != null && (image.ownerId().equals(account) || image.isPublic());
  }

  private static boolean matches(Ec2Params.Filter filter, Image image) {
    String name = filter.name();
    String value = switch (name) {
      case "architecture" -> image.architecture();
      case "description" -> image.description();
      case "image-id" -> image.imageId();
      case "image-type" -> "machine";
      case "is-public" -> String.valueOf(image.isPublic());
      case "name" -> image.name();
      case "owner-alias" -> image.ownerAlias();
      case "owner-id" -> image.ownerId();
      case "platform" -> image.platform();
      case "root-device-type" -> image.rootDeviceType();
      case "state" -> image.state();
      case "virtualization-type" -> image.virtualizationType();
      default -> image.tags().get(name.substring("tag:".length()));
    };
    return value != null && filter.values().stream().anyMatch(v -> wildcard(v).matcher(value).matches());
  }

  /** EC2 filter values take {@code *} (any run) and {@code ?} (one character). */
  private static Pattern wildcard(String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : value.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("images|" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (parts.length == 2 && parts[0].equals("images")) {
        return Integer.parseInt(parts[1]);
      }
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new AwsError(400, "InvalidPaginationToken", "The pagination token '" + token + "' is not valid.");
  }
}
