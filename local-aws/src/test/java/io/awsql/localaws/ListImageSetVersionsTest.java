package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.medicalimaging.model.AccessDeniedException;
import software.amazon.awssdk.services.medicalimaging.model.ConflictException;
import software.amazon.awssdk.services.medicalimaging.model.ImageSetProperties;
import software.amazon.awssdk.services.medicalimaging.model.InternalServerException;
import software.amazon.awssdk.services.medicalimaging.model.ResourceNotFoundException;
import software.amazon.awssdk.services.medicalimaging.model.ThrottlingException;
import software.amazon.awssdk.services.medicalimaging.model.ValidationException;

/** HealthImaging's ListImageSetVersions over REST-JSON, with the real SDK client. */
class ListImageSetVersionsTest {
  static final String DATASTORE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  static final String CT = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String LONG = "99999999999999999999999999999999";
  private static LocalAws aws;
  private static MedicalImagingClient client;

  @BeforeAll
  static void start() {
    aws = LocalAws.builder().clock(new MutableClock(NOW)).demoData()
        .seed(SeedGenerator.imageSetVersions("us-east-1", DATASTORE, LONG, 237)).start();
    client = Clients.medicalImaging(aws, "us-east-1", AccessKey.DEMO);
  }

  @AfterAll
  static void stop() {
    client.close();
    aws.close();
  }

  @BeforeEach
  void reset() {
    aws.faults().reset(1);
    aws.requestLog().clear();
  }

  private List<ImageSetProperties> versions(String imageSetId) {
    return client.listImageSetVersions(b -> b.datastoreId(DATASTORE).imageSetId(imageSetId)).imageSetPropertiesList();
  }

  @Test
  void versionsNewestFirstWithEveryField() {
    List<ImageSetProperties> versions = versions(CT);
    assertEquals(List.of("3", "2", "1"), versions.stream().map(ImageSetProperties::versionId).toList());
    ImageSetProperties latest = versions.get(0);
    assertEquals(CT, latest.imageSetId());
    assertEquals("ACTIVE", latest.imageSetStateAsString());
    assertEquals("UPDATED", latest.imageSetWorkflowStatusAsString());
    assertEquals(NOW.minus(Duration.ofDays(30)), latest.createdAt());
    assertEquals(NOW.minus(Duration.ofDays(10)), latest.updatedAt());
    assertNull(latest.deletedAt());
    assertEquals("Series description updated", latest.message());
    assertEquals(Boolean.TRUE, latest.overrides().forced());
    assertEquals(Boolean.TRUE, latest.isPrimary());
    LoggedRequest sent = aws.requestLog().all().get(0);
    assertEquals("ListImageSetVersions", sent.action());
    assertEquals(DATASTORE, sent.parameter("datastoreId"));
    assertEquals("us-east-1", sent.region());
  }

  @Test
  void theJsonOnTheWireIsTheServiceModels() throws IOException, InterruptedException {
    HttpResponse<String> response = new RawRequests(aws).signed("POST",
        "/datastore/" + DATASTORE + "/imageSet/00000000000000000000000000000abc/listImageSetVersions",
        "maxResults=1", "", "us-east-1", "medical-imaging");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    long deleted = NOW.minus(Duration.ofDays(2)).getEpochSecond();
    assertTrue(response.body().startsWith(
        "{\"imageSetPropertiesList\":[{\"imageSetId\":\"00000000000000000000000000000abc\","
        + "\"versionId\":\"3\",\"imageSetState\":\"DELETED\",\"ImageSetWorkflowStatus\":\"DELETED\","),
        response.body());
    assertTrue(response.body().contains("\"deletedAt\":" + deleted + ".000"), response.body());
    assertTrue(response.body().contains("\"nextToken\":\""), response.body());
  }

  @Test
  void aLongHistoryPagesWithNothingLost() {
    List<String> seen = new ArrayList<>();
    client.listImageSetVersionsPaginator(b -> b.datastoreId(DATASTORE).imageSetId(LONG).maxResults(10))
        .imageSetPropertiesList().forEach(v -> seen.add(v.versionId()));
    assertEquals(237, seen.size());
    assertEquals(237, new HashSet<>(seen).size());
    assertEquals("237", seen.get(0));
    assertEquals("1", seen.get(236));
    assertEquals(24, aws.requestLog().count("ListImageSetVersions"));
    assertEquals(50, versions(LONG).size(), "without maxResults, pages of 50");
  }

  @Test
  void errorsInTheRestJsonShape() throws IOException, InterruptedException {
    ResourceNotFoundException noImageSet = assertThrows(ResourceNotFoundException.class,
        () -> versions("abcdefabcdefabcdefabcdefabcdefab"));
    assertEquals(404, noImageSet.statusCode());
    assertTrue(noImageSet.awsErrorDetails().errorMessage().contains("abcdefabcdefabcdefabcdefabcdefab"));
    assertThrows(ResourceNotFoundException.class, () -> client.listImageSetVersions(
        b -> b.datastoreId("ffffffffffffffffffffffffffffffff").imageSetId(CT)));
    ValidationException badId = assertThrows(ValidationException.class, () -> versions("NOT-AN-ID"));
    assertEquals(400, badId.statusCode());
    assertTrue(badId.awsErrorDetails().errorMessage().contains("imageSetId"));
    assertThrows(ValidationException.class, () -> client.listImageSetVersions(
        b -> b.datastoreId(DATASTORE).imageSetId(CT).maxResults(51)));
    assertThrows(ValidationException.class, () -> client.listImageSetVersions(
        b -> b.datastoreId(DATASTORE).imageSetId(CT).nextToken("bogus")));
    assertEquals(409,
        assertThrows(ConflictException.class, () -> versions("22222222222222222222222222222222")).statusCode());
    try (MedicalImagingClient denied = Clients.medicalImaging(aws, "us-east-1", AccessKey.NO_ACCESS)) {
      assertEquals(403, assertThrows(AccessDeniedException.class,
          () -> denied.listImageSetVersions(b -> b.datastoreId(DATASTORE).imageSetId(CT))).statusCode());
    }
    aws.faults().add(FaultRule.onCall("ListImageSetVersions", Fault.THROTTLE, 1));
    aws.faults().add(FaultRule.onCall("ListImageSetVersions", Fault.INTERNAL_ERROR, 2));
    assertEquals(429, assertThrows(ThrottlingException.class, () -> versions(CT)).statusCode());
    assertEquals(500, assertThrows(InternalServerException.class, () -> versions(CT)).statusCode());

    HttpResponse<String> raw = new RawRequests(aws).signed("POST",
        "/datastore/" + DATASTORE + "/imageSet/abcdefabcdefabcdefabcdefabcdefab/listImageSetVersions", null, "",
        "us-east-1", "medical-imaging");
    assertEquals("ResourceNotFoundException", raw.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    assertEquals("{\"message\":\"ImageSet abcdefabcdefabcdefabcdefabcdefab does not exist in datastore "
        + DATASTORE + "\"}", raw.body());
    assertTrue(raw.headers().firstValue("x-amzn-RequestId").isPresent());
  }

  @Test
  void regionsAndSigningNameMatter() throws IOException, InterruptedException {
    try (MedicalImagingClient west = Clients.medicalImaging(aws, "us-west-2", AccessKey.DEMO)) {
      assertThrows(ResourceNotFoundException.class,
          () -> west.listImageSetVersions(b -> b.datastoreId(DATASTORE).imageSetId(CT)), "us-east-1's data store");
    }
    HttpResponse<String> ec2Signed = new RawRequests(aws).signed("POST",
        "/datastore/" + DATASTORE + "/imageSet/" + CT + "/listImageSetVersions", null, "", "us-east-1", "ec2");
    assertEquals(401, ec2Signed.statusCode());
    assertTrue(ec2Signed.body().contains("medical-imaging"), ec2Signed.body());
  }

  @Test
  void anEmptyJsonBodyIsAcceptedAsOlderMarshallersSendIt() throws IOException, InterruptedException {
    HttpResponse<String> response = new RawRequests(aws).signed("POST",
        "/datastore/" + DATASTORE + "/imageSet/" + CT + "/listImageSetVersions", null, "{}", "us-east-1",
        "medical-imaging");
    assertEquals(200, response.statusCode(), response.body());
  }
}
