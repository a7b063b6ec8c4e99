package io.awsql.localaws;

import static io.awsql.localaws.DescribeStoreImageTasksTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.MedicalImagingException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS through the real StsClient over HTTP: GetCallerIdentity, AssumeRole as the model has it, STS's
 * awsQuery errors (code, message, request id), the temporary credentials' secret, token and expiry as each
 * service refuses them.
 */
class SecurityTokenServiceTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String INVENTORY = "arn:aws:iam::" + Accounts.SECOND_DEMO + ":role/Inventory";

  private final MutableClock clock = new MutableClock(NOW);
  private LocalAws aws;
  private StsClient sts;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().clock(clock).credentialsClock(clock).demoData().start();
    sts = Clients.sts(aws, AccessKey.DEMO);
  }

  @AfterEach
  void stop() {
    sts.close();
    aws.close();
  }

  private Credentials assume(String roleArn, String session) {
    return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(session)).credentials();
  }

  private LoggedRequest last() {
    List<LoggedRequest> all = aws.requestLog().all();
    return all.get(all.size() - 1);
  }

  @Test
  void getCallerIdentityNamesTheBaseAccountsUserForEveryKey() {
    for (AccessKey key : List.of(AccessKey.DEMO, AccessKey.READ_ONLY, AccessKey.NO_ACCESS,
        new AccessKey("AKIAUNKNOWNKEY000001", "whatever", Set.of()))) {
      try (StsClient client = Clients.sts(aws, key)) {
        GetCallerIdentityResponse me = client.getCallerIdentity();
        assertEquals("arn:aws:iam::123456789012:user/local-aws-demo", me.arn(), key.toString());
        assertEquals(Accounts.BASE, me.account());
        assertEquals(Accounts.BASE_USER_ID, me.userId());
      }
      LoggedRequest logged = last();
      assertEquals("sts", logged.service());
      assertEquals("GetCallerIdentity", logged.action());
      assertEquals(Accounts.BASE, logged.account());
      assertEquals(key.accessKeyId(), logged.accessKeyId());
    }
  }

  @Test
  void assumeRoleAnswersAsTheModelHasIt() throws IOException, InterruptedException {
    AssumeRoleResponse answer = sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("demo"));
    Credentials credentials = answer.credentials();
    assertTrue(credentials.accessKeyId().matches("ASIA[A-Z2-7]{16}"), credentials.accessKeyId());
    assertEquals(40, credentials.secretAccessKey().length());
    assertTrue(credentials.sessionToken().length() > 100);
    assertEquals(NOW.plusSeconds(3600), credentials.expiration(), "DurationSeconds defaults to an hour");
    assertTrue(answer.assumedRoleUser().assumedRoleId().matches("AROA[A-Z2-7]{17}:demo"),
        answer.assumedRoleUser().assumedRoleId());
    assertEquals("arn:aws:sts::210987654321:assumed-role/Inventory/demo", answer.assumedRoleUser().arn());
    assertNull(answer.packedPolicySize(), "no session policy, no PackedPolicySize");
    assertEquals(Accounts.BASE, last().account(), "AssumeRole itself acts as the caller's account");

    Credentials again = assume(INVENTORY, "other");
    assertNotEquals(credentials.accessKeyId(), again.accessKeyId());
    assertEquals(answer.assumedRoleUser().assumedRoleId().split(":")[0],
        sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("x1")).assumedRoleUser().assumedRoleId().split(":")[0],
        "one role, one role id");
    assertEquals(NOW.plusSeconds(43_200),
        sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("long").durationSeconds(43_200)).credentials()
            .expiration());
    Integer packed = sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("scoped").externalId("ext-1234")
        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\","
            + "\"Resource\":\"*\"}]}")).packedPolicySize();
    assertTrue(packed != null && packed > 0 && packed <= 100, "a session policy takes a share: " + packed);

    HttpResponse<String> raw = new RawRequests(aws).post("Action=AssumeRole&Version=2011-06-15&RoleArn="
        + INVENTORY + "&RoleSessionName=raw", "us-east-1", "sts");
    assertEquals(200, raw.statusCode(), raw.body());
    assertEquals("text/xml", raw.headers().firstValue("Content-Type").orElseThrow());
    String requestId = raw.headers().firstValue("x-amzn-RequestId").orElseThrow();
    Matcher shape = Pattern.compile("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<AssumeRoleResult><Credentials><AccessKeyId>ASIA\\w{16}</AccessKeyId><SecretAccessKey>[\\w+/]{40}"
        + "</SecretAccessKey><SessionToken>[\\w+/=]+</SessionToken><Expiration>2026-03-01T13:00:00Z</Expiration>"
        + "</Credentials><AssumedRoleUser><AssumedRoleId>AROA\\w{17}:raw</AssumedRoleId>"
        + "<Arn>arn:aws:sts::210987654321:assumed-role/Inventory/raw</Arn></AssumedRoleUser></AssumeRoleResult>"
        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></AssumeRoleResponse>\n")
        .matcher(raw.body());
    assertTrue(shape.matches(), raw.body());
  }

  @Test
  void sessionCredentialsActAsTheRolesAccount() {
    Credentials session = assume(INVENTORY, "demo");
    try (StsClient assumed = Clients.sts(aws, Clients.credentials(session))) {
      GetCallerIdentityResponse me = assumed.getCallerIdentity();
      assertEquals("arn:aws:sts::210987654321:assumed-role/Inventory/demo", me.arn());
      assertEquals(Accounts.SECOND_DEMO, me.account());
      assertTrue(me.userId().matches("AROA\\w{17}:demo"), me.userId());
    }
    LoggedRequest logged = last();
    assertEquals(Accounts.SECOND_DEMO, logged.account());
    assertEquals(session.accessKeyId(), logged.accessKeyId());
  }

  @Test
  void theRefusingAccountIsAccessDeniedWithCodeMessageAndRequestId() throws IOException, InterruptedException {
    StsException e = assertThrows(StsException.class,
        () -> assume("arn:aws:iam::444455556666:role/Audit", "demo"));
    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
    assertEquals(403, e.statusCode());
    assertEquals("User: arn:aws:iam::123456789012:user/local-aws-demo is not authorized to perform: sts:AssumeRole "
        + "on resource: arn:aws:iam::444455556666:role/Audit", e.awsErrorDetails().errorMessage());
    assertEquals(last().requestId(), e.requestId());
    assertEquals("AccessDenied", last().errorCode());

    HttpResponse<String> raw = new RawRequests(aws).post("Action=AssumeRole&Version=2011-06-15"
        + "&RoleArn=arn:aws:iam::444455556666:role/Audit&RoleSessionName=demo", "us-east-1", "sts");
    assertEquals(403, raw.statusCode());
    assertEquals("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
        + "<Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/local-aws-demo is not authorized "
        + "to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Audit</Message></Error>"
        + "<RequestId>" + raw.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId></ErrorResponse>\n",
        raw.body());
    assertEquals("text/xml", raw.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void keysWithoutThePermissionMayAskWhoTheyAreButNotAssumeRoles() {
    for (AccessKey key : List.of(AccessKey.READ_ONLY, AccessKey.NO_ACCESS)) {
      try (StsClient client = Clients.sts(aws, key)) {
        assertEquals(Accounts.BASE, client.getCallerIdentity().account());
        StsException e = assertThrows(StsException.class,
            () -> client.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("demo")));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("sts:AssumeRole on resource: " + INVENTORY),
            e.awsErrorDetails().errorMessage());
      }
    }
  }

  @Test
  void badInputIsAValidationErrorInStsWords() {
    assertValidation("arn:aws:iam::12345:role/Inventory is invalid",
        () -> assume("arn:aws:iam::12345:role/Inventory", "demo"));
    assertValidation("arn:aws:s3:::some-bucket-name is invalid", () -> assume("arn:aws:s3:::some-bucket-name", "demo"));
    assertValidation("1 validation error detected: Value 'bad' at 'roleArn' failed to satisfy constraint: Member must "
        + "have length greater than or equal to 20", () -> assume("bad", "demo"));
    assertValidation("1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
        + "Member must have length greater than or equal to 2", () -> assume(INVENTORY, "a"));
    assertValidation("1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy "
        + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
        () -> assume(INVENTORY, "my session"));
    assertValidation("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
        + "Member must have value greater than or equal to 900",
        () -> sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("demo").durationSeconds(899)));
    assertValidation("1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: "
        + "Member must have value less than or equal to 43200",
        () -> sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("demo").durationSeconds(43_201)));
    assertValidation("2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must "
        + "not be null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
        () -> sts.assumeRole(r -> { }));
    assertValidation("1 validation error detected: Value 'x' at 'externalId' failed to satisfy constraint: Member "
        + "must have length greater than or equal to 2",
        () -> sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("demo").externalId("x")));
  }

  private void assertValidation(String message, Runnable call) {
    StsException e = assertThrows(StsException.class, call::run);
    assertEquals("ValidationError", e.awsErrorDetails().errorCode(), e.getMessage());
    assertEquals(400, e.statusCode());
    assertEquals(message, e.awsErrorDetails().errorMessage());
    assertEquals(last().requestId(), e.requestId());
  }

  @Test
  void protocolErrorsAndFaultsInStsTerms() throws IOException, InterruptedException {
    RawRequests raw = new RawRequests(aws);
    assertStsError(raw.post("Version=2011-06-15", "us-east-1", "sts"), 400, "MissingAction");
    assertStsError(raw.post("Action=GetSessionToken&Version=2011-06-15", "us-east-1", "sts"), 400, "InvalidAction",
        "Could not find operation GetSessionToken for version 2011-06-15");
    assertStsError(raw.post("Action=GetCallerIdentity", "us-east-1", "sts"), 400, "InvalidAction",
        "Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED");
    assertStsError(raw.post("Action=GetCallerIdentity&Version=2011-06-15", "us-east-1", "ec2"), 403,
        "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'.");
    assertStsError(raw.post("Action=GetCallerIdentity&Version=2011-06-15&x=%zz", "us-east-1", "sts"), 404,
        "MalformedQueryString");
    HttpResponse<String> unsigned = raw.unsignedPost("Action=GetCallerIdentity&Version=2011-06-15");
    assertStsError(unsigned, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    assertNull(last().account(), "no signature, no account");
    assertEquals("GetCallerIdentity", last().action());

    try (StsClient forged = Clients.sts(aws, Clients.credentials(new AccessKey(AccessKey.DEMO.accessKeyId(), "wrong",
        Set.of())))) {
      StsException e = assertThrows(StsException.class, forged::getCallerIdentity);
      assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
    }

    aws.faults().add(FaultRule.onCall("AssumeRole", Fault.THROTTLE, 1));
    StsException throttled = assertThrows(StsException.class, () -> assume(INVENTORY, "demo"));
    assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
    assertEquals(400, throttled.statusCode());
    assertEquals("Rate exceeded", throttled.awsErrorDetails().errorMessage());
    assertTrue(throttled.isThrottlingException(), "the SDK knows it for throttling");
    aws.faults().add(FaultRule.onCall("GetCallerIdentity", Fault.INTERNAL_ERROR, 1));
    StsException failed = assertThrows(StsException.class, sts::getCallerIdentity);
    assertEquals("InternalFailure", failed.awsErrorDetails().errorCode());
    assertEquals(500, failed.statusCode());
    assertEquals(last().requestId(), failed.requestId());
    assertEquals(Accounts.BASE, sts.getCallerIdentity().account(), "once only");
  }

  private static void assertStsError(HttpResponse<String> response, int status, String code, String... message) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + (message.length == 0 ? "" : message[0])),
        response.body());
  }

  @Test
  void aRoleSessionMayAssumeAnotherRoleForAtMostAnHour() {
    Credentials first = assume(INVENTORY, "first");
    try (StsClient assumed = Clients.sts(aws, Clients.credentials(first))) {
      AssumeRoleResponse chained = assumed.assumeRole(r -> r.roleArn("arn:aws:iam::555566667777:role/Deploy")
          .roleSessionName("second"));
      assertEquals("arn:aws:sts::555566667777:assumed-role/Deploy/second", chained.assumedRoleUser().arn());
      assertEquals(Accounts.SECOND_DEMO, last().account(), "the chained call acted as the first role's account");
      try (StsClient twice = Clients.sts(aws, Clients.credentials(chained.credentials()))) {
        assertEquals("555566667777", twice.getCallerIdentity().account());
      }
      StsException tooLong = assertThrows(StsException.class, () -> assumed.assumeRole(r -> r
          .roleArn("arn:aws:iam::555566667777:role/Deploy").roleSessionName("third").durationSeconds(7200)));
      assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
      assertEquals("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
          tooLong.awsErrorDetails().errorMessage());
      StsException denied = assertThrows(StsException.class, () -> assumed.assumeRole(r -> r
          .roleArn("arn:aws:iam::444455556666:role/Audit").roleSessionName("third")));
      assertEquals("User: arn:aws:sts::210987654321:assumed-role/Inventory/first is not authorized to perform: "
          + "sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Audit",
          denied.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void aWrongOrMissingSessionTokenIsRefusedAsEachServiceSaysIt() {
    Credentials session = assume(INVENTORY, "demo");
    for (String token : new String[] {"not-the-token", session.sessionToken() + "x"}) {
      StaticCredentialsProvider badToken = StaticCredentialsProvider.create(AwsSessionCredentials.create(
          session.accessKeyId(), session.secretAccessKey(), token));
      try (Ec2Client ec2 = Clients.ec2(aws, "us-east-1", badToken, software.amazon.awssdk.awscore.retry
          .AwsRetryStrategy.doNotRetry())) {
        assertError("AuthFailure", 401, () -> ec2.describeStoreImageTasks(b -> { }), "credentials");
      }
      try (StsClient client = Clients.sts(aws, badToken)) {
        StsException e = assertThrows(StsException.class, client::getCallerIdentity);
        assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
      }
      try (MedicalImagingClient mi = Clients.medicalImaging(aws, "us-east-1", badToken)) {
        MedicalImagingException e = assertThrows(MedicalImagingException.class, () -> mi.listImageSetVersions(b -> b
            .datastoreId("c3d4e5f60718293a4b5c6d7e8f90a1b2").imageSetId("66666666666666666666666666666666")));
        assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
      }
      assertNull(last().account(), "refused: acted as no account");
    }
    // Without any token, as if the credentials were long-term keys.
    try (Ec2Client ec2 = Clients.ec2(aws, "us-east-1", StaticCredentialsProvider.create(
        AwsBasicCredentials.create(session.accessKeyId(),
            session.secretAccessKey())), AwsRetryStrategy.doNotRetry())) {
      assertError("AuthFailure", 401, () -> ec2.describeStoreImageTasks(b -> { }), "credentials");
    }
    // The right token with the wrong secret: the signature does not match.
    try (StsClient client = Clients.sts(aws, StaticCredentialsProvider.create(AwsSessionCredentials.create(
        session.accessKeyId(), "wrong" + session.secretAccessKey().substring(5), session.sessionToken())))) {
      assertEquals("SignatureDoesNotMatch",
          assertThrows(StsException.class, client::getCallerIdentity).awsErrorDetails().errorCode());
    }
  }

  @Test
  void aSessionTokenOfThisEndpointsFormWhoseKeyItNeverIssuedIsInvalidButForeignOnesPass() {
    StaticCredentialsProvider forgotten = StaticCredentialsProvider.create(AwsSessionCredentials.create(
        "ASIAAAAAAAAAAAAAAAAA", "secret", SessionCredentials.TOKEN_PREFIX + "c29tZSBlYXJsaWVyIHJ1bg=="));
    try (StsClient client = Clients.sts(aws, forgotten)) {
      assertEquals("InvalidClientTokenId",
          assertThrows(StsException.class, client::getCallerIdentity).awsErrorDetails().errorCode());
    }
    StaticCredentialsProvider foreign = StaticCredentialsProvider.create(AwsSessionCredentials.create(
        "ASIAAAAAAAAAAAAAAAAA", "secret", "IQoJb3JpZ2luX2VjEXAMPLE"));
    try (StsClient client = Clients.sts(aws, foreign)) {
      assertEquals(Accounts.BASE, client.getCallerIdentity().account(),
          "unknown keys are accepted, as the base account");
    }
  }

  @Test
  void temporaryCredentialsExpireByTheCredentialsClock() {
    Credentials session = sts.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("short").durationSeconds(900))
        .credentials();
    assertEquals(NOW.plusSeconds(900), session.expiration());
    StaticCredentialsProvider credentials = Clients.credentials(session);
    try (Ec2Client ec2 = Clients.ec2(aws, "us-east-1", credentials,
            AwsRetryStrategy.doNotRetry());
        StsClient assumed = Clients.sts(aws, credentials);
        MedicalImagingClient mi = Clients.medicalImaging(aws, "us-east-1", credentials)) {
      clock.advance(Duration.ofSeconds(899));
      assertEquals(Accounts.SECOND_DEMO, assumed.getCallerIdentity().account());
      assertTrue(!ec2.describeStoreImageTasks(b -> { }).storeImageTaskResults().isEmpty());

      clock.advance(Duration.ofSeconds(1));
      assertError("RequestExpired", 400, () -> ec2.describeStoreImageTasks(b -> { }), "expired");
      StsException e = assertThrows(StsException.class, assumed::getCallerIdentity);
      assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
      assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
      MedicalImagingException mie = assertThrows(MedicalImagingException.class, () -> mi.listImageSetVersions(b -> b
          .datastoreId("c3d4e5f60718293a4b5c6d7e8f90a1b2").imageSetId("66666666666666666666666666666666")));
      assertEquals("ExpiredTokenException", mie.awsErrorDetails().errorCode());
      assertEquals(403, mie.statusCode());
    }
    assertEquals(Accounts.BASE, sts.getCallerIdentity().account(), "long-term keys do not expire");
  }

  @Test
  void byDefaultTemporaryCredentialsExpireByTheWallClockWhateverTheSimulatedOne() {
    Instant before = Instant.now();
    try (LocalAws months = LocalAws.builder().clock(new MutableClock(NOW)).start();
        StsClient client = Clients.sts(months, AccessKey.DEMO)) {
      Instant expiration = client.assumeRole(r -> r.roleArn(INVENTORY).roleSessionName("wall")).credentials()
          .expiration();
      assertTrue(!expiration.isBefore(before.plusSeconds(3599)) && expiration.isBefore(Instant.now().plusSeconds(3601)),
          "an SDK's credential cache compares the expiry with its own clock: " + expiration);
    }
  }
}
