package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * DescribeSnapshots through the real Ec2Client: owners, ids (unknown and not visible), filters (with
 * wildcards), paging, the MaxResults errors, and the join with DescribeImages' block device mappings.
 */
class DescribeSnapshotsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String AMAZON = "137112412989";
  /** us-east-1 of the base account: a snapshot for each of its 7 AMIs and 2 that no AMI uses. */
  private static final int OWN = 9;

  private LocalAws aws;
  private Ec2Client east;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().clock(new MutableClock(NOW)).demoData().start();
    east = Clients.ec2(aws, "us-east-1");
  }

  @AfterEach
  void stop() {
    east.close();
    aws.close();
  }

  private List<Snapshot> describe(Consumer<DescribeSnapshotsRequest.Builder> request) {
    return east.describeSnapshots(request).snapshots();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  private static Set<String> ids(List<Snapshot> snapshots) {
    Set<String> ids = new TreeSet<>();
    snapshots.forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }

  private static void assertError(String code, int status, Executable call) {
    Ec2Exception e = assertThrows(Ec2Exception.class, call);
    assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    assertEquals(status, e.statusCode(), e.getMessage());
  }

  @Test
  void ownSnapshotsAreThoseOfTheAmisAndTwoOrphansAndPublicOnesAreVisibleToo() {
    List<Snapshot> own = describe(r -> r.ownerIds("self"));
    assertEquals(OWN, own.size(), own.toString());
    assertEquals(List.of("self"), aws.requestLog().forAction("DescribeSnapshots").get(0).list("Owner"),
        "OwnerIds is Owner.N on the wire (the model's locationName)");
    assertTrue(own.stream().allMatch(s -> s.ownerId().equals(Accounts.BASE) && s.ownerAlias() == null));
    Set<String> amiSnapshots = new TreeSet<>();
    for (Image image : east.describeImages(r -> r.owners("self")).images()) {
      image.blockDeviceMappings().forEach(m -> amiSnapshots.add(m.ebs().snapshotId()));
    }
    assertEquals(7, amiSnapshots.size());
    assertTrue(ids(own).containsAll(amiSnapshots), "every AMI's snapshot exists: " + own);
    List<Snapshot> orphans = own.stream().filter(s -> !amiSnapshots.contains(s.snapshotId())).toList();
    assertEquals(2, orphans.size(), "two snapshots no AMI uses");

    Snapshot ofAnAmi = own.stream().filter(s -> amiSnapshots.contains(s.snapshotId())).findFirst().orElseThrow();
    assertEquals("completed", ofAnAmi.stateAsString());
    assertEquals("100%", ofAnAmi.progress());
    assertEquals(8, ofAnAmi.volumeSize(), "the size DescribeImages gives the root volume");
    assertFalse(ofAnAmi.encrypted());
    assertNull(ofAnAmi.kmsKeyId());
    assertEquals("standard", ofAnAmi.storageTierAsString());
    assertTrue(ofAnAmi.volumeId().matches("vol-0[0-9a-f]{16}"), ofAnAmi.volumeId());
    assertTrue(ofAnAmi.description().matches("Created by CreateImage\\(i-0[0-9a-f]{16}\\) for ami-[0-9a-f]+"),
        ofAnAmi.description());
    assertTrue(ofAnAmi.startTime().isBefore(NOW));
    assertNotNull(ofAnAmi.completionTime());
    assertFalse(ofAnAmi.tags().isEmpty());
    Snapshot pending = own.stream().filter(s -> s.stateAsString().equals("pending")).findFirst().orElseThrow();
    assertEquals("63%", pending.progress());
    assertTrue(pending.encrypted());
    assertTrue(pending.kmsKeyId().startsWith("arn:aws:kms:us-east-1:" + Accounts.BASE + ":key/"), pending.kmsKeyId());
    assertNull(pending.completionTime());

    List<Snapshot> all = describe(r -> { });
    assertEquals(OWN + 1, all.size(), "and the region's public Amazon snapshot");
    List<Snapshot> amazon = describe(r -> r.ownerIds("amazon"));
    assertEquals(1, amazon.size());
    assertEquals(AMAZON, amazon.get(0).ownerId());
    assertEquals("amazon", amazon.get(0).ownerAlias());
    assertEquals(ids(amazon), ids(describe(r -> r.ownerIds(AMAZON))));
    assertEquals(ids(own), ids(describe(r -> r.ownerIds(Accounts.BASE))));
    assertEquals(ids(all), ids(describe(r -> r.ownerIds("self", "amazon"))));
    assertError("InvalidUserID.Malformed", 400, () -> describe(r -> r.ownerIds("me")));
    assertEquals(ids(amazon), ids(describe(r -> r.restorableByUserIds("all"))), "only the public one");
    assertEquals(ids(own), ids(describe(r -> r.restorableByUserIds("self"))));
  }

  @Test
  void idsUnknownOnesAndOnesOfAnotherAccount() {
    List<Snapshot> own = describe(r -> r.ownerIds("self"));
    String id = own.get(3).snapshotId();
    assertEquals(List.of(id), describe(r -> r.snapshotIds(id)).stream().map(Snapshot::snapshotId).toList());
    assertEquals(2, describe(r -> r.snapshotIds(id, own.get(4).snapshotId(), id)).size());
    Ec2Exception missing = assertThrows(Ec2Exception.class,
        () -> describe(r -> r.snapshotIds(id, "snap-0123456789abcdef0")));
    assertEquals("InvalidSnapshot.NotFound", missing.awsErrorDetails().errorCode());
    assertEquals("The snapshot 'snap-0123456789abcdef0' does not exist.", missing.awsErrorDetails().errorMessage());
    assertError("InvalidSnapshotID.Malformed", 400, () -> describe(r -> r.snapshotIds("snap-XYZ")));
    assertError("InvalidParameterCombination", 400, () -> describe(r -> r.snapshotIds(id).maxResults(5)));
    assertEquals(List.of(id), describe(r -> r.snapshotIds(id).filters(filter("status", "*"))).stream()
        .map(Snapshot::snapshotId).toList(), "ids and filters apply together");

    // Another account: its own snapshots only; one of the base account's, asked by id, is left out (no error).
    String baseOrphan = own.stream().filter(s -> s.stateAsString().equals("pending")).findFirst().orElseThrow()
        .snapshotId();
    try (StsClient sts = Clients.sts(aws, AccessKey.DEMO)) {
      StaticCredentialsProvider second = Clients.credentials(sts.assumeRole(r -> r
          .roleArn("arn:aws:iam::" + Accounts.SECOND_DEMO + ":role/Inventory").roleSessionName("demo")).credentials());
      try (Ec2Client other = Clients.ec2(aws, "us-east-1", second, AwsRetryStrategy.doNotRetry())) {
        List<Snapshot> theirs = other.describeSnapshots(r -> r.ownerIds("self")).snapshots();
        assertEquals(4 + 2, theirs.size(), "its 4 AMIs' snapshots and its 2 orphans");
        assertTrue(theirs.stream().allMatch(s -> s.ownerId().equals(Accounts.SECOND_DEMO)));
        assertFalse(ids(theirs).contains(baseOrphan));
        assertTrue(other.describeSnapshots(r -> r.snapshotIds(baseOrphan)).snapshots().isEmpty(),
            "a snapshot the caller may not restore is not included in the results");
      }
    }
  }

  @Test
  void filtersWithWildcards() {
    assertEquals(OWN - 1, describe(r -> r.ownerIds("self").filters(filter("status", "completed"))).size());
    assertEquals(1, describe(r -> r.ownerIds("self").filters(filter("status", "pending", "error"))).size());
    assertEquals(7 + 1, describe(r -> r.ownerIds("self")
        .filters(filter("description", "Created by CreateImage(*"))).size(), "the AMIs' and a deregistered one's");
    assertEquals(1, describe(r -> r.filters(filter("progress", "6?%"))).size());
    assertEquals(2, describe(r -> r.filters(filter("encrypted", "true"))).size());
    assertEquals(7, describe(r -> r.filters(filter("volume-size", "8"))).size());
    assertEquals(1, describe(r -> r.filters(filter("storage-tier", "archive"))).size());
    assertEquals(1, describe(r -> r.filters(filter("owner-alias", "amazon"))).size());
    assertEquals(OWN, describe(r -> r.filters(filter("owner-id", Accounts.BASE))).size());
    assertEquals(1, describe(r -> r.filters(filter("tag:backup", "night*"))).size());
    assertEquals(1, describe(r -> r.filters(filter("tag-key", "backup"))).size());
    assertEquals(OWN, describe(r -> r.filters(filter("tag:team", "platform", "data"))).size());
    assertEquals(OWN, describe(r -> r.filters(filter("tag:team", "*"))).size(), "tagged ones only");
    assertEquals(1, describe(r -> r.filters(filter("start-time", "2026-03-01T11:00:00.000Z"))).size());
    List<Snapshot> one = describe(r -> r.ownerIds("self"));
    String volume = one.get(0).volumeId();
    assertEquals(List.of(one.get(0).snapshotId()), describe(r -> r.filters(filter("volume-id", volume))).stream()
        .map(Snapshot::snapshotId).toList());
    assertEquals(OWN, describe(r -> r.filters(filter("snapshot-id", "snap-0*"), filter("owner-id", "1234*"))).size(),
        "AND across filters");
    assertTrue(describe(r -> r.filters(filter("status", "Completed"))).isEmpty(), "values are case-sensitive");
    assertError("InvalidParameterValue", 400, () -> describe(r -> r.filters(filter("image-id", "ami-1"))));
  }

  @Test
  void pagingAndMaxResults() {
    List<String> paged = new ArrayList<>();
    east.describeSnapshotsPaginator(r -> r.maxResults(5)).snapshots().forEach(s -> paged.add(s.snapshotId()));
    assertEquals(OWN + 1, paged.size());
    assertEquals(paged.size(), paged.stream().distinct().count());
    assertEquals(2, aws.requestLog().count("DescribeSnapshots"));
    DescribeSnapshotsResponse first = east.describeSnapshots(r -> r.maxResults(5));
    assertEquals(5, first.snapshots().size());
    assertNotNull(first.nextToken());
    DescribeSnapshotsResponse last = east.describeSnapshots(r -> r.maxResults(5).nextToken(first.nextToken()));
    assertEquals(OWN + 1 - 5, last.snapshots().size());
    assertNull(last.nextToken(), "no token on the last page");
    assertNull(east.describeSnapshots(r -> r.maxResults(1000)).nextToken());

    Ec2Exception small = assertThrows(Ec2Exception.class, () -> describe(r -> r.maxResults(4)));
    assertEquals("InvalidParameterValue", small.awsErrorDetails().errorCode());
    assertTrue(small.awsErrorDetails().errorMessage().contains("maxResults"), small.getMessage());
    assertError("InvalidParameterValue", 400, () -> describe(r -> r.maxResults(0)));
    assertEquals(OWN + 1, describe(r -> r.maxResults(5000)).size(),
        "above 1,000 only 1,000 results are returned (the API reference), not an error");
    assertError("InvalidPaginationToken", 400, () -> describe(r -> r.maxResults(5).nextToken("bogus")));
  }

  @Test
  void dryRunChecksPermissionOnly() {
    assertError("DryRunOperation", 412, () -> describe(r -> r.dryRun(true)));
    try (Ec2Client readOnly = Clients.ec2(aws, "us-east-1", AccessKey.READ_ONLY);
        Ec2Client noAccess = Clients.ec2(aws, "us-east-1", AccessKey.NO_ACCESS)) {
      assertError("DryRunOperation", 412, () -> readOnly.describeSnapshots(r -> r.dryRun(true)));
      assertEquals(OWN, readOnly.describeSnapshots(r -> r.ownerIds("self")).snapshots().size());
      assertError("UnauthorizedOperation", 403, () -> noAccess.describeSnapshots(r -> r.dryRun(true)));
    }
  }

  @Test
  void everyRegionHasItsOwnAndEveryAccountSeesThePublicOne() {
    try (Ec2Client west = Clients.ec2(aws, "us-west-2"); Ec2Client eu = Clients.ec2(aws, "eu-west-1");
        Ec2Client empty = Clients.ec2(aws, "ap-northeast-1")) {
      assertEquals(3 + 2, west.describeSnapshots(r -> r.ownerIds("self")).snapshots().size());
      assertEquals(2 + 2, eu.describeSnapshots(r -> r.ownerIds("self")).snapshots().size());
      Set<String> east1 = ids(describe(r -> r.ownerIds("amazon")));
      Set<String> west2 = ids(west.describeSnapshots(r -> r.ownerIds("amazon")).snapshots());
      assertEquals(1, west2.size());
      assertFalse(east1.equals(west2), "snapshot ids are the region's own");
      assertTrue(empty.describeSnapshots(r -> r.ownerIds("self")).snapshots().isEmpty(), "a region not seeded");
    }
  }
}
