package io.awsql.localaws;

import static io.awsql.localaws.DescribeStoreImageTasksTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.ec2.StoreImageTask;
import io.awsql.localaws.sts.SecurityTokenService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * State per account and region: what the base account's keys see, what credentials from AssumeRole see in the
 * second demo account or in a fresh one, and that neither sees the other's store tasks, images or image sets.
 */
class AccountsTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SECOND_DATASTORE = "c3d4e5f60718293a4b5c6d7e8f90a1b2";
  private static final String SECOND_IMAGE_SET = "66666666666666666666666666666666";
  private static final String BASE_DATASTORE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  private static final String BASE_IMAGE_SET = "0123456789abcdef0123456789abcdef";

  @TempDir
  Path dir;

  private LocalAws aws;
  private StsClient sts;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().clock(new MutableClock(NOW)).demoData().start();
    sts = Clients.sts(aws, AccessKey.DEMO);
  }

  @AfterEach
  void stop() {
    sts.close();
    aws.close();
  }

  private StaticCredentialsProvider assume(String account, String role) {
    return Clients.credentials(sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + role)
        .roleSessionName("demo")).credentials());
  }

  private Ec2Client ec2(String region, StaticCredentialsProvider credentials) {
    return Clients.ec2(aws, region, credentials, AwsRetryStrategy.doNotRetry());
  }

  private static Set<String> amis(List<StoreImageTaskResult> tasks) {
    Set<String> amis = new TreeSet<>();
    tasks.forEach(t -> amis.add(t.amiId()));
    return amis;
  }

  @Test
  void theSecondAccountHasItsOwnStoreTasksInEachRegion() {
    StaticCredentialsProvider second = assume(Accounts.SECOND_DEMO, "Inventory");
    for (String region : List.of("us-east-1", "us-west-2")) {
      aws.requestLog().clear();
      Set<String> base;
      Set<String> theirs;
      try (Ec2Client mine = Clients.ec2(aws, region); Ec2Client other = ec2(region, second)) {
        base = amis(mine.describeStoreImageTasks(b -> { }).storeImageTaskResults());
        List<StoreImageTaskResult> tasks = other.describeStoreImageTasks(b -> { }).storeImageTaskResults();
        theirs = amis(tasks);
        assertTrue(tasks.stream().allMatch(t -> t.bucket().startsWith("globex-")), tasks.toString());
      }
      assertFalse(base.isEmpty());
      assertFalse(theirs.isEmpty());
      assertTrue(Collections.disjoint(base, theirs), base + " / " + theirs);
      assertTrue(theirs.stream().allMatch(a -> a.startsWith("ami-0e2f3a4b5c6d7")), theirs.toString());
      assertEquals(theirs.size(), aws.storeImageTasks().all(Accounts.SECOND_DEMO, region).stream()
          .map(t -> t.amiId()).distinct().count());

      List<LoggedRequest> describes = aws.requestLog().forAction("DescribeStoreImageTasks");
      assertEquals(List.of(Accounts.BASE, Accounts.SECOND_DEMO),
          describes.stream().map(LoggedRequest::account).toList());
      assertEquals(1, aws.requestLog().forAccount(Accounts.SECOND_DEMO).size());
      assertEquals(region, aws.requestLog().forAccount(Accounts.SECOND_DEMO).get(0).region());
    }
    try (Ec2Client other = ec2("eu-west-1", second)) {
      assertTrue(other.describeStoreImageTasks(b -> { }).storeImageTaskResults().isEmpty(),
          "no demo data of the second account in eu-west-1");
    }
  }

  @Test
  void storesAreCreatedInTheCallersAccountOnly() {
    StaticCredentialsProvider second = assume(Accounts.SECOND_DEMO, "Inventory");
    int baseTasks = aws.storeImageTasks().all("us-east-1").size();
    try (Ec2Client other = ec2("us-east-1", second)) {
      assertError("InvalidAMIID.NotFound", 400, () -> other.createStoreImageTask(b -> b
          .imageId("ami-0a1b2c3d4e5f60005").bucket("acme-ami-archive")), "ami-0a1b2c3d4e5f60005");
      assertError("InvalidParameterValue", 400, () -> other.createStoreImageTask(b -> b
          .imageId("ami-0e2f3a4b5c6d70004").bucket("acme-ami-archive")), "acme-ami-archive");
      assertError("UnauthorizedOperation", 403, () -> other.createStoreImageTask(b -> b
          .imageId("ami-0e2f3a4b5c6d70004").bucket("globex-ami-vault-legal-hold")), "globex-ami-vault-legal-hold");
      assertEquals("ami-0e2f3a4b5c6d70004.bin", other.createStoreImageTask(b -> b
          .imageId("ami-0e2f3a4b5c6d70004").bucket("globex-ami-vault")).objectKey());
      assertEquals("ami-0e2f3a4b5c6d70004",
          other.describeStoreImageTasks(b -> { }).storeImageTaskResults().get(0).amiId());
    }
    assertEquals(baseTasks, aws.storeImageTasks().all("us-east-1").size());
    try (Ec2Client mine = Clients.ec2(aws, "us-east-1")) {
      assertTrue(mine.describeStoreImageTasks(b -> b.imageIds("ami-0e2f3a4b5c6d70004")).storeImageTaskResults()
          .isEmpty());
    }
  }

  @Test
  void theSecondAccountsNewestTaskInEachRegionIsDoneSoItsAmiCanBeStoredAgain() {
    StaticCredentialsProvider second = assume(Accounts.SECOND_DEMO, "Inventory");
    for (String region : List.of("us-east-1", "us-west-2")) {
      try (Ec2Client other = ec2(region, second)) {
        List<StoreImageTaskResult> tasks = other.describeStoreImageTasks(b -> { }).storeImageTaskResults();
        assertTrue(tasks.stream().anyMatch(t -> t.storeTaskState().equals("InProgress")), tasks.toString());
        StoreImageTaskResult newest = tasks.get(0);
        assertEquals("Completed", newest.storeTaskState(), region);
        assertEquals(newest.amiId() + ".bin", other.createStoreImageTask(b -> b.imageId(newest.amiId())
            .bucket(newest.bucket())).objectKey());
      }
    }
  }

  @Test
  void imagesOwnedBySelfAreTheCallersAccountsAndPublicOnesAreShared() {
    StaticCredentialsProvider second = assume(Accounts.SECOND_DEMO, "Inventory");
    try (Ec2Client mine = Clients.ec2(aws, "us-east-1"); Ec2Client other = ec2("us-east-1", second)) {
      List<Image> theirs = other.describeImages(r -> r.owners("self")).images();
      assertEquals(4, theirs.size(), theirs.toString());
      assertTrue(theirs.stream().allMatch(i -> i.ownerId().equals(Accounts.SECOND_DEMO)));
      assertTrue(mine.describeImages(r -> r.owners("self")).images().stream()
          .allMatch(i -> i.ownerId().equals(Accounts.BASE)));
      assertTrue(mine.describeImages(r -> r.owners(Accounts.SECOND_DEMO)).images().isEmpty(),
          "another account's private images are not visible");
      assertError("InvalidAMIID.NotFound", 400, () -> other.describeImages(r -> r.imageIds("ami-0a1b2c3d4e5f60001")),
          "ami-0a1b2c3d4e5f60001");
      assertError("InvalidAMIID.NotFound", 400, () -> mine.describeImages(r -> r.imageIds("ami-0e2f3a4b5c6d70001")),
          "ami-0e2f3a4b5c6d70001");
      assertEquals(mine.describeImages(r -> r.owners("amazon")).images(),
          other.describeImages(r -> r.owners("amazon")).images());
      assertEquals(2, other.describeImages(r -> r.owners("amazon")).images().size());
    }
  }

  @Test
  void imageSetsArePerAccountToo() {
    StaticCredentialsProvider second = assume(Accounts.SECOND_DEMO, "Inventory");
    try (MedicalImagingClient mine = Clients.medicalImaging(aws, "us-east-1", AccessKey.DEMO);
        MedicalImagingClient other = Clients.medicalImaging(aws, "us-east-1", second)) {
      assertEquals(2, other.listImageSetVersions(b -> b.datastoreId(SECOND_DATASTORE).imageSetId(SECOND_IMAGE_SET))
          .imageSetPropertiesList().size());
      assertThrows(ResourceNotFoundException.class,
          () -> other.listImageSetVersions(b -> b.datastoreId(BASE_DATASTORE).imageSetId(BASE_IMAGE_SET)));
      assertThrows(ResourceNotFoundException.class,
          () -> mine.listImageSetVersions(b -> b.datastoreId(SECOND_DATASTORE).imageSetId(SECOND_IMAGE_SET)));
      assertEquals(3, mine.listImageSetVersions(b -> b.datastoreId(BASE_DATASTORE).imageSetId(BASE_IMAGE_SET))
          .imageSetPropertiesList().size());
    }
    assertEquals(Accounts.SECOND_DEMO, aws.requestLog().forAction("ListImageSetVersions").get(0).account());
  }

  @Test
  void anyOtherAccountStartsEmptyAndCanBeSeeded() {
    StaticCredentialsProvider fresh = assume("111122223333", "Reader");
    try (Ec2Client ec2 = ec2("us-east-1", fresh)) {
      assertTrue(ec2.describeStoreImageTasks(b -> { }).storeImageTaskResults().isEmpty());
      assertTrue(ec2.describeImages(r -> r.owners("self")).images().isEmpty());
      assertEquals(2, ec2.describeImages(r -> { }).images().size(), "only the public Amazon images");

      aws.load("111122223333", SeedGenerator.storeImageTasks("us-east-1", 25, 3));
      assertEquals(25, ec2.describeStoreImageTasks(b -> { }).storeImageTaskResults().size());
      assertEquals(25, aws.storeImageTasks().all("111122223333", "us-east-1").size());
    }
    assertEquals(Set.of("111122223333"), Set.copyOf(aws.requestLog().matching(e -> "DescribeStoreImageTasks"
        .equals(e.action())).stream().map(LoggedRequest::account).toList()));
    assertThrows(IllegalArgumentException.class, () -> aws.load("12345", Seed.demo()));
    assertThrows(IllegalArgumentException.class, () -> LocalAws.builder().seed("not-an-account", Seed.demo()));
  }

  @Test
  void aSeedFileMayHoldOtherAccounts() throws IOException {
    Path file = dir.resolve("accounts.json");
    Files.writeString(file, """
        {"regions": {"us-east-1": {"buckets": [{"name": "base-bucket"}],
                                   "amis": [{"id": "ami-00000000000000001"}],
                                   "storeImageTasks": [{"amiId": "ami-00000000000000001", "bucket": "base-bucket",
                                                        "startedSecondsAgo": 60}]}},
         "accounts": {"999988887777": {"regions": {"us-east-1": {
           "buckets": [{"name": "other-bucket"}],
           "amis": [{"id": "ami-00000000000000002"}],
           "storeImageTasks": [{"amiId": "ami-00000000000000002", "bucket": "other-bucket",
                                "startedSecondsAgo": 60}]}}}}}
        """);
    Seed seed = Seed.fromFile(file);
    assertEquals(Set.of("999988887777"), seed.accounts().keySet());
    try (LocalAws seeded = LocalAws.builder().clock(new MutableClock(NOW)).seed(seed)
        .seed(Accounts.SECOND_DEMO, new Seed(Map.of("us-east-1", seed.regions().get("us-east-1")))).start()) {
      assertEquals(List.of("ami-00000000000000001"), amiIds(seeded.storeImageTasks().all("us-east-1")));
      assertEquals(List.of("ami-00000000000000002"), amiIds(seeded.storeImageTasks().all("999988887777", "us-east-1")));
      assertEquals(List.of("ami-00000000000000001"),
          amiIds(seeded.storeImageTasks().all(Accounts.SECOND_DEMO, "us-east-1")));
    }

    Path bad = dir.resolve("bad-account.json");
    Files.writeString(bad, "{\"accounts\": {\"prod\": {\"regions\": {}}}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seed.fromFile(bad));
    assertTrue(e.getMessage().contains("prod") && e.getMessage().contains("bad-account.json"), e.getMessage());
  }

  private static List<String> amiIds(List<StoreImageTask> tasks) {
    return tasks.stream().map(t -> t.amiId()).toList();
  }

  @Test
  void theDemoSeedsSecondAccountIsNotInTheBaseAccount() {
    Seed demo = Seed.demo();
    assertEquals(Set.of(Accounts.SECOND_DEMO), demo.accounts().keySet());
    assertEquals(Set.of("us-east-1", "us-west-2"), demo.accounts().get(Accounts.SECOND_DEMO).regions().keySet());
    assertTrue(aws.storeImageTasks().all("us-east-1").stream().noneMatch(t -> t.amiId().startsWith("ami-0e2f")));
  }

  @Test
  void helpNamesStsItsOperationsAndTheAccounts() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalAwsMain.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
    String help = out.toString(StandardCharsets.UTF_8);
    new SecurityTokenService(new SessionCredentials(Clock.systemUTC())).actions()
        .forEach(a -> assertTrue(help.contains(a.name()), a.name() + ": " + help));
    for (String needed : List.of("STS", Accounts.BASE, Accounts.SECOND_DEMO, Accounts.DENIES_ASSUME_ROLE,
        "aws sts get-caller-identity", "aws sts assume-role --role-arn arn:aws:iam::210987654321:role/Inventory",
        "AWS_SESSION_TOKEN")) {
      assertTrue(help.contains(needed), needed + ": " + help);
    }
  }
}
