package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests as botocore (the AWS CLI, boto3) signs them — only content-type, host and x-amz-date, or a
 * presigned query string — are verified with the demo key: from fixtures everywhere
 * (src/test/python/make_botocore_fixtures.py made them), and live with the real {@code aws} command where
 * the machine has it.
 */
class BotocoreSignaturesTest {
  private static final Pattern DATE = Pattern.compile("X-Amz-Date[:=](\\d{8}T\\d{6}Z)");
  private static final Map<String, AccessKey> KEYS = Map.of(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO);

  static Stream<Path> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(BotocoreSignaturesTest.class.getResource("/botocore").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".sreq")).sorted().toList().stream();
    }
  }

  private static Instant signedAt(String text) {
    Matcher m = DATE.matcher(text);
    m.find();
    return Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(m.group(1)));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void botocoreSignaturesVerify(Path fixture) throws IOException {
    String text = Files.readString(fixture, StandardCharsets.UTF_8);
    AwsRequest request = SigV4TestSuiteTest.parse(text);
    String service = fixture.getFileName().toString().startsWith("ec2") ? "ec2" : "medical-imaging";
    SigV4Verifier verifier = new SigV4Verifier(KEYS, Clock.fixed(signedAt(text).plusSeconds(60), ZoneOffset.UTC));
    assertEquals(AccessKey.DEMO, verifier.verify(request, service).knownKey());

    AwsRequest tampered = SigV4TestSuiteTest.parse(text.replace("Version=2016-11-15", "Version=2016-11-16")
        .replace("maxResults=50", "maxResults=49"));
    assertEquals("AuthFailure", assertThrows(AwsError.class, () -> verifier.verify(tampered, service)).code());
    if (fixture.getFileName().toString().contains("presigned")) {
      SigV4Verifier later = new SigV4Verifier(KEYS, Clock.fixed(signedAt(text).plusSeconds(301), ZoneOffset.UTC));
      assertEquals("RequestExpired", assertThrows(AwsError.class, () -> later.verify(request, service)).code(),
          "a presigned URL expires with its X-Amz-Expires");
    }
  }

  /** The README's and docs/local-aws.md's commands, run with the AWS CLI where it is installed. */
  @Test
  void theAwsCliWorksWithTheDemoKeys() throws Exception {
    boolean cli;
    try {
      cli = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      cli = false;
    }
    if (!cli) {
      System.err.println("BotocoreSignaturesTest: no aws command here; the live AWS CLI check is skipped");
    }
    assumeTrue(cli, "no aws command on this machine");
    try (LocalAws aws = LocalAws.builder().demoData().start()) {
      for (List<String> command : List.of(
          List.of("ec2", "describe-store-image-tasks", "--region", "us-east-1"),
          List.of("ec2", "create-store-image-task", "--region", "us-east-1", "--image-id", "ami-0a1b2c3d4e5f60005",
              "--bucket", "acme-ami-archive"),
          List.of("ec2", "describe-images", "--owners", "self", "--region", "us-east-1"),
          List.of("ec2", "describe-snapshots", "--owner-ids", "self", "--region", "us-east-1"),
          List.of("medical-imaging", "list-image-set-versions", "--region", "us-east-1", "--datastore-id",
              "a1b2c3d4e5f60718293a4b5c6d7e8f90", "--image-set-id", "0123456789abcdef0123456789abcdef"))) {
        List<String> full = new ArrayList<>(List.of("aws"));
        full.addAll(command);
        full.addAll(List.of("--endpoint-url", aws.endpoint().toString(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", AccessKey.DEMO.accessKeyId());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", AccessKey.DEMO.secretAccessKey());
        pb.environment().remove("AWS_PROFILE");
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        // The CLI would put HealthImaging's runtime- prefix before the endpoint's host (docs/local-aws.md).
        pb.environment().put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
      }
      assertEquals(aws.requestLog().size(), aws.requestLog().matching(LoggedRequest::succeeded).size(),
          aws.requestLog().toString());
    }
  }

  /**
   * docs/local-aws.md's accounts walk-through with the AWS CLI where it is installed: who am I, AssumeRole into
   * the second demo account, then EC2 with the returned credentials (their session token included) shows that
   * account's store tasks only.
   */
  @Test
  void theAwsCliAssumesARoleIntoTheSecondAccount() throws Exception {
    assumeTrue(awsCli(), "no aws command on this machine");
    ObjectMapper json = new ObjectMapper();
    Map<String, String> demo = Map.of("AWS_ACCESS_KEY_ID", AccessKey.DEMO.accessKeyId(),
        "AWS_SECRET_ACCESS_KEY", AccessKey.DEMO.secretAccessKey());
    try (LocalAws aws = LocalAws.builder().demoData().start()) {
      JsonNode me = json.readTree(aws(aws, demo, "sts", "get-caller-identity"));
      assertEquals("arn:aws:iam::123456789012:user/local-aws-demo", me.path("Arn").asText());
      assertEquals(Accounts.BASE, me.path("Account").asText());

      JsonNode assumed = json.readTree(aws(aws, demo, "sts", "assume-role",
          "--role-arn", "arn:aws:iam::210987654321:role/Inventory", "--role-session-name", "demo"));
      assertEquals("arn:aws:sts::210987654321:assumed-role/Inventory/demo",
          assumed.path("AssumedRoleUser").path("Arn").asText());
      JsonNode credentials = assumed.path("Credentials");
      Map<String, String> session = Map.of("AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
          "AWS_SECRET_ACCESS_KEY", credentials.path("SecretAccessKey").asText(),
          "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText());

      assertEquals(Accounts.SECOND_DEMO, json.readTree(aws(aws, session, "sts", "get-caller-identity"))
          .path("Account").asText());
      JsonNode tasks = json.readTree(aws(aws, session, "ec2",
          "describe-store-image-tasks")).path("StoreImageTaskResults");
      List<String> amis = new ArrayList<>();
      tasks.forEach(t -> amis.add(t.path("AmiId").asText()));
      assertEquals(List.of("ami-0e2f3a4b5c6d70001", "ami-0e2f3a4b5c6d70002", "ami-0e2f3a4b5c6d70003",
          "ami-0e2f3a4b5c6d70004"), amis, "account 210987654321's tasks in us-east-1, none of the base account's");

      assertEquals(List.of(Accounts.BASE, Accounts.BASE, Accounts.SECOND_DEMO, Accounts.SECOND_DEMO),
          aws.requestLog().all().stream().map(LoggedRequest::account).toList(), aws.requestLog().toString());
      assertEquals(aws.requestLog().size(), aws.requestLog().matching(LoggedRequest::succeeded).size(),
          aws.requestLog().toString());
      assertEquals(List.of("sts"),
          aws.requestLog().forAction("AssumeRole").stream().map(LoggedRequest::service).toList());
    }
  }

  private static boolean awsCli() {
    try {
      return new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Runs {@code aws <arguments>} in us-east-1 against the endpoint with only these credentials; its JSON output. */
  private static String aws(LocalAws aws, Map<String, String> credentials, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--region", "us-east-1", "--endpoint-url", aws.endpoint().toString(), "--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    pb.environment().putAll(credentials);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", arguments) + ":\n" + output + errors);
    return output;
  }
}
