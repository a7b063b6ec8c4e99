package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.ec2.Images;
import io.awsql.localaws.ec2.Snapshots;
import io.awsql.localaws.ec2.StoreImageTasks;
import io.awsql.localaws.medicalimaging.ImageSetVersions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/** Seeds from JSON files, the generator, and the runnable's help. */
class SeedTest {
  @TempDir
  Path dir;

  @Test
  void aSeedFileIsServed() throws IOException {
    Path file = dir.resolve("seed.json");
    Files.writeString(file, """
        {"regions": {"sa-east-1": {
          "buckets": [{"name": "my-bucket"}],
          "amis": [{"id": "ami-00000000000000001", "storeSeconds": 60}],
          "storeImageTasks": [{"amiId": "ami-00000000000000001", "bucket": "my-bucket",
                               "startTime": "2026-02-28T00:00:00Z", "durationSeconds": 60,
                               "failureReason": "Disk full", "failAtPercent": 70}]
        }}}
        """);
    try (LocalAws aws = LocalAws.builder().clock(new MutableClock(Instant.parse("2026-03-01T00:00:00Z")))
        .seed(Seed.fromFile(file)).start(); Ec2Client ec2 = Clients.ec2(aws, "sa-east-1")) {
      StoreImageTaskResult task = ec2.describeStoreImageTasks(b -> { }).storeImageTaskResults().get(0);
      assertEquals("Failed", task.storeTaskState());
      assertEquals(70, task.progressPercentage());
      assertEquals("Disk full", task.storeTaskFailureReason());
      assertEquals("ami-00000000000000001.bin",
          ec2.createStoreImageTask(b -> b.imageId("ami-00000000000000001").bucket("my-bucket")).objectKey());
    }
  }

  @Test
  void anUnknownFieldIsNamed() throws IOException {
    Path file = dir.resolve("typo.json");
    Files.writeString(file, "{\"regions\": {\"us-east-1\": {\"bukets\": []}}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seed.fromFile(file));
    assertTrue(e.getMessage().contains("bukets") && e.getMessage().contains("typo.json"), e.getMessage());
  }

  @Test
  void theGeneratorIsDeterministic() {
    assertEquals(SeedGenerator.storeImageTasks("us-east-1", 500, 5),
        SeedGenerator.storeImageTasks("us-east-1", 500, 5));
    Seed.RegionSeed region = SeedGenerator.storeImageTasks("us-east-1", 500, 5).regions().get("us-east-1");
    assertEquals(500, region.storeImageTasks().size());
    assertTrue(region.storeImageTasks().stream().anyMatch(t -> t.failureReason() != null));
  }

  @Test
  void helpSaysHowToRunIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalAwsMain.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--port") && help.contains("--seed") && help.contains(AccessKey.DEMO.accessKeyId()), help);
    for (AccessKey key : List.of(AccessKey.DEMO, AccessKey.READ_ONLY, AccessKey.NO_ACCESS)) {
      assertTrue(help.contains(key.accessKeyId()) && help.contains(key.secretAccessKey()), key + ": " + help);
    }
    List<String> served = new ArrayList<>();
    new StoreImageTasks(Clock.systemUTC()).actions().forEach(a -> served.add(a.name()));
    new Images().actions().forEach(a -> served.add(a.name()));
    new Snapshots().actions().forEach(a -> served.add(a.name()));
    new ImageSetVersions(Clock.systemUTC()).routes()
        .forEach(r -> served.add(r.action()));
    assertTrue(served.size() >= 4, "" + served);
    for (String operation : served) {
      assertTrue(help.contains(operation), "the help lists every operation served, missing " + operation + ": " + help);
    }
    assertTrue(help.contains("local-aws/target/awsql-local-aws-<version>-all.jar"), "a jar the build makes: " + help);
  }
}
