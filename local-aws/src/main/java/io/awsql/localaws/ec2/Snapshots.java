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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EBS snapshots in every account and region, served by DescribeSnapshots as the API reference describes it:
 * the snapshots of the given ids (InvalidSnapshot.NotFound for an id that exists nowhere; one of another
 * account the caller may not restore is left out, not an error), of the given owners ({@code self}: the
 * caller's account, {@code amazon}, an account id), restorable by the given users, else every snapshot the
 * caller may create volumes from (its own account's and public ones); then the filters (wildcards {@code *}
 * and {@code ?} in values); pages of MaxResults (5 and up, at most 1000 a page) with a NextToken. Demo
 * snapshots: one for each AMI of the seeded account (the snapshot its DescribeImages block device mapping
 * names), two that no AMI uses (the leftover of a deregistered AMI, archived, and a backup in progress), and
 * one public Amazon snapshot per region, seen by all.
 */
public final class Snapshots {
  static final String DESCRIBE = "DescribeSnapshots";
  // The wire names are the model's locationNames: OwnerIds is Owner.N, RestorableByUserIds RestorableBy.N.
  private static final Pattern PARAMETERS = Pattern.compile("SnapshotId\\.\\d+|Owner\\.\\d+|RestorableBy\\.\\d+"
      + "|Filter\\.\\d+\\.Name|Filter\\.\\d+\\.Value\\.\\d+|MaxResults|NextToken|DryRun");
  private static final List<String> FILTERS = List.of("description", "encrypted", "owner-alias", "owner-id",
      "progress", "snapshot-id", "start-time", "status", "storage-tier", "tag-key", "transfer-type", "volume-id",
      "volume-size", "tag:");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  /** At most this many snapshots a page: "if this value is larger than 1,000, only 1,000 results are returned". */
  private static final int MAX_PAGE = 1000;

  /** One EBS snapshot, with the attributes DescribeSnapshots answers. */
  record Snapshot(String snapshotId, String volumeId, String status, String progress, Instant startTime,
      Instant completionTime, int volumeSize, String description, String ownerId, String ownerAlias,
      boolean encrypted, String kmsKeyId, String storageTier, boolean isPublic, Map<String, String> tags) {}

  /** Each account's own snapshots, per region. */
  private final Map<AccountRegion, Map<String, Snapshot>> owned = new ConcurrentHashMap<>();
  /** Public snapshots, per region: every account may create volumes from them. */
  private final Map<String, Map<String, Snapshot>> publicSnapshots = new ConcurrentHashMap<>();

  /**
   * The snapshots of a region's seed for {@code account}: one per AMI, with the id, size and date Images gives
   * the AMI's root volume, and when there are AMIs two orphans; and one public Amazon snapshot in the region.
   */
  public void load(String account, String region, Seed.RegionSeed seed, Instant now) {
    Map<String, Snapshot> snapshots =
        owned.computeIfAbsent(new AccountRegion(account, region), r -> new ConcurrentHashMap<>());
    int n = 0;
    for (Seed.AmiSeed ami : seed.amis()) {
      // As Images numbers the AMIs of one seed and dates them: the snapshot is taken when the image is created.
      String id = "snap-0" + String.format("%016x", n + 1);
      Instant created = now.minusSeconds(86_400L * (40 + 7 * n));
      snapshots.put(id, new Snapshot(id, hexId("vol-0", account, region, ami.id()), "completed", "100%", created,
          created.plusSeconds(420 + 60L * (n % 5)), 8, "Created by CreateImage(" + hexId("i-0", account, region,
          ami.id()) + ") for " + ami.id(), account, null, false, null, "standard", false,
          Map.of("team", n % 2 == 0 ? "platform" : "data", "env", "demo")));
      n++;
    }
    if (n > 0) {
      String leftover = hexId("snap-0", account, region, "orphan-1");
      snapshots.putIfAbsent(leftover, new Snapshot(leftover, hexId("vol-0", account, region, "orphan-1"),
          "completed", "100%", now.minusSeconds(86_400L * 400), now.minusSeconds(86_400L * 400 - 1_260), 30,
          "Created by CreateImage(" + hexId("i-0", account, region, "orphan-1") + ") for "
              + hexId("ami-0", account, region, "deregistered"), account, null, true, kmsKey(account, region),
          "archive", false, Map.of("team", "platform", "env", "legacy")));
      String backup = hexId("snap-0", account, region, "orphan-2");
      snapshots.putIfAbsent(backup, new Snapshot(backup, hexId("vol-0", account, region, "orphan-2"), "pending",
          "63%", now.minusSeconds(3_600), null, 100, "Nightly backup of the inventory database volume", account,
          null, true, kmsKey(account, region), "standard", false, Map.of("team", "data", "backup", "nightly")));
    }
    String publicId = hexId("snap-0", "amazon", region, "public-dataset");
    publicSnapshots.computeIfAbsent(region, r -> new ConcurrentHashMap<>()).putIfAbsent(publicId,
        new Snapshot(publicId, hexId("vol-0", "amazon", region, "public-dataset"), "completed", "100%",
            now.minusSeconds(86_400L * 200), now.minusSeconds(86_400L * 200 - 3_000), 64,
            "AWS public dataset: demo reference data", Images.AMAZON, "amazon", false, null, "standard", true,
            Map.of()));
  }

  /** DescribeSnapshots. */
  public List<Ec2Action> actions() {
    return List.of(StoreImageTasks.action(DESCRIBE, PARAMETERS, this::describe));
  }

  private AwsResponse describe(ServiceHandler.Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    boolean dryRun = Ec2Params.bool(params, "DryRun");
    List<String> ids = QueryLists.members(params, "SnapshotId", "");
    List<String> owners = QueryLists.members(params, "Owner", "");
    List<String> restorableBy = QueryLists.members(params, "RestorableBy", "");
    Integer maxResults = Ec2Params.integer(params, "MaxResults");
    String nextToken = Ec2Params.first(params, "NextToken");
    List<Ec2Params.Filter> filters = Ec2Params.filters(params, FILTERS, DESCRIBE);
    for (String id : ids) {
      if (!SNAPSHOT_ID.matcher(id).matches()) {
        throw new AwsError(400, "InvalidSnapshotID.Malformed", "Invalid id: \"" + id + "\" (expecting \"snap-...\")");
      }
    }
    owners.stream().filter(o -> !o.equals("self") && !o.equals("amazon") && !ACCOUNT_ID.matcher(o).matches())
        .findFirst().ifPresent(Snapshots::invalidUser);
    restorableBy.stream().filter(u -> !u.equals("self") && !u.equals("all") && !ACCOUNT_ID.matcher(u).matches())
        .findFirst().ifPresent(Snapshots::invalidUser);
    if (!ids.isEmpty() && maxResults != null) {
      throw new AwsError(400, "InvalidParameterCombination",
          "The parameter MaxResults cannot be used with the parameter SnapshotId");
    }
    if (maxResults != null && maxResults < 5) {
      throw new AwsError(400, "InvalidParameterValue", "Value ( " + maxResults
          + " ) for parameter maxResults is invalid. Expecting a value greater than 5.");
    }
    Ec2Params.authorize(call, caller, dryRun);
    // What the caller may see: its own account's snapshots and the public ones.
    Map<String, Snapshot> region = new LinkedHashMap<>(publicSnapshots.getOrDefault(caller.region(), Map.of()));
    region.putAll(owned.getOrDefault(AccountRegion.of(caller), Map.of()));
    String self = caller.account();
    List<Snapshot> candidates = new ArrayList<>();
    if (!ids.isEmpty()) {
      Optional<String> unknown = ids.stream().filter(id -> !region.containsKey(id) && !existsElsewhere(id, caller))
          .findFirst();
      if (unknown.isPresent()) {
        throw new AwsError(400, "InvalidSnapshot.NotFound", "The snapshot '" + unknown.get() + "' does not exist.");
      }
      // "If you specify a snapshot ID for which you do not have access, it is not included in the returned results."
      ids.stream().distinct().filter(region::containsKey).map(region::get).forEach(candidates::add);
    } else {
      candidates.addAll(region.values());
    }
    Predicate<Snapshot> ownedAsAsked = s -> owners.isEmpty() || owners.stream().anyMatch(o -> switch (o) {
      case "self" -> s.ownerId().equals(self);
      case "amazon" -> "amazon".equals(s.ownerAlias());
      default -> s.ownerId().equals(o);
    });
    // Create volume permissions: an owner's implicit one, and the public one (no explicit grants are modelled).
    Predicate<Snapshot> restorableAsAsked = s -> restorableBy.isEmpty() || restorableBy.stream().anyMatch(u ->
        switch (u) {
          case "all" -> s.isPublic();
          case "self" -> s.ownerId().equals(self);
          default -> s.isPublic() || s.ownerId().equals(u);
        });
    List<Snapshot> matching = candidates.stream().filter(ownedAsAsked).filter(restorableAsAsked)
        .filter(s -> filters.stream().allMatch(f -> matches(f, s)))
        .sorted(Comparator.comparing(Snapshot::snapshotId)).toList();
    int from = 0;
    if (nextToken != null) {
      String after = decode(nextToken);
      while (from < matching.size() && matching.get(from).snapshotId().compareTo(after) <= 0) {
        from++;
      }
    }
    int size = maxResults == null ? matching.size() : Math.min(maxResults, MAX_PAGE);
    List<Snapshot> page = matching.subList(from, Math.min(from + size, matching.size()));
    QueryXml xml = Ec2Xml.response(DESCRIBE, call.request().requestId()).start("snapshotSet");
    for (Snapshot s : page) {
      xml.start("item")
          .element("snapshotId", s.snapshotId())
          .element("volumeId", s.volumeId())
          .element("status", s.status())
          .element("startTime", Ec2Xml.timestamp(s.startTime()))
          .element("progress", s.progress())
          .element("ownerId", s.ownerId())
          .element("volumeSize", s.volumeSize())
          .element("description", s.description())
          .element("encrypted", s.encrypted())
          .element("kmsKeyId", s.kmsKeyId())
          .element("ownerAlias", s.ownerAlias())
          .element("storageTier", s.storageTier());
      if (s.completionTime() != null) {
        xml.element("completionTime", Ec2Xml.timestamp(s.completionTime()));
      }
      if (!s.tags().isEmpty()) {
        xml.start("tagSet");
        new TreeMap<>(s.tags()).forEach((k, v) -> xml.start("item").element("key", k).element("value", v).end());
        xml.end();
      }
      xml.end();
    }
    xml.end();
    if (from + page.size() < matching.size()) {
      xml.element("nextToken", encode(page.get(page.size() - 1).snapshotId()));
    }
    return AwsResponse.ok(Ec2Xml.CONTENT_TYPE, xml.end().finish());
  }

  /** Whether a snapshot of this id exists in another account of the caller's region (it may not see it). */
  private boolean existsElsewhere(String id, Caller caller) {
    return owned.entrySet().stream()
        .anyMatch(e -> e.getKey().region().equals(caller.region()) && e.getValue().containsKey(id));
  }

  private static void invalidUser(String user) {
    throw new AwsError(400, "InvalidUserID.Malformed", "Invalid user id: \"" + user + "\"");
  }

  private static boolean matches(Ec2Params.Filter filter, Snapshot s) {
    String name = filter.name();
    if (name.equals("tag-key")) {
      return s.tags().keySet().stream().anyMatch(k -> filter.values().stream().anyMatch(v -> wildcard(v, k)));
    }
    String value = switch (name) {
      case "description" -> s.description();
      case "encrypted" -> String.valueOf(s.encrypted());
      case "owner-alias" -> s.ownerAlias();
      case "owner-id" -> s.ownerId();
      case "progress" -> s.progress();
      case "snapshot-id" -> s.snapshotId();
      case "start-time" -> Ec2Xml.timestamp(s.startTime());
      case "status" -> s.status();
      case "storage-tier" -> s.storageTier();
      case "transfer-type" -> null; // only snapshot copies have one; none is seeded
      case "volume-id" -> s.volumeId();
      case "volume-size" -> String.valueOf(s.volumeSize());
      default -> s.tags().get(name.substring("tag:".length()));
    };
    return value != null && filter.values().stream().anyMatch(v -> wildcard(v, value));
  }

  /** EC2 filter values take {@code *} (any run) and {@code ?} (one character). */
  private static boolean wildcard(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  /** A made-up but stable id: {@code prefix} and 16 hex digits hashed from it, the account, region and name. */
  private static String hexId(String prefix, String account, String region, String name) {
    long hash = 1125899906842597L;
    for (char c : (prefix + "/" + account + "/" + region + "/" + name).toCharArray()) {
      hash = 31 * hash + c;
    }
    // SplitMix64's finaliser, so that names differing in one character give unrelated ids.
    hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
    hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
    return prefix + String.format("%016x", hash ^ (hash >>> 31));
  }

  /** The ARN of the account's demo KMS key in the region. */
  private static String kmsKey(String account, String region) {
    String hex = hexId("", account, region, "kms") + hexId("", account, region, "kms-key");
    return "arn:aws:kms:" + region + ":" + account + ":key/" + hex.substring(0, 8) + "-" + hex.substring(8, 12)
        + "-4" + hex.substring(13, 16) + "-a" + hex.substring(17, 20) + "-" + hex.substring(20, 32);
  }

  private static String encode(String lastSnapshotId) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("snapshots|" + lastSnapshotId).getBytes(StandardCharsets.UTF_8));
  }

  /** The id of the last snapshot the previous page returned. */
  private static String decode(String token) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (parts.length == 2 && parts[0].equals("snapshots") && SNAPSHOT_ID.matcher(parts[1]).matches()) {
        return parts[1];
      }
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new AwsError(400, "InvalidPaginationToken", "The pagination token '" + token + "' is not valid.");
  }
}
