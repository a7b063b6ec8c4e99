package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/** DescribeImages through the real Ec2Client: owners, ids, filters (with wildcards), paging, errors. */
class DescribeImagesTest {
  private LocalAws aws;
  private Ec2Client east;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().demoData().start();
    east = Clients.ec2(aws, "us-east-1");
  }

  @AfterEach
  void stop() {
    east.close();
    aws.close();
  }

  @Test
  void ownImagesMatchTheAmisOfTheStoreTasksAndPublicOnesAreVisibleToo() {
    List<Image> own = east.describeImages(r -> r.owners("self")).images();
    List<String> taskAmis = aws.storeImageTasks().all("us-east-1").stream().map(t -> t.amiId()).distinct().toList();
    assertTrue(own.stream().map(Image::imageId).toList().containsAll(taskAmis), own + " / " + taskAmis);
    Image first = own.get(0);
    assertEquals(Accounts.BASE, first.ownerId());
    assertNotNull(first.name());
    assertNotNull(first.creationDate());
    assertEquals("available", first.stateAsString());
    assertNotNull(first.architectureAsString());
    assertFalse(first.blockDeviceMappings().isEmpty());
    assertFalse(first.tags().isEmpty());
    List<Image> all = east.describeImages(r -> { }).images();
    assertEquals(own.size() + 2, all.size(), "and the two public Amazon images");
    assertEquals(2, east.describeImages(r -> r.owners("amazon")).images().size());
    assertTrue(east.describeImages(r -> r.owners("amazon")).images().stream()
        .allMatch(i -> "amazon".equals(i.imageOwnerAlias())));
  }

  @Test
  void idsFiltersAndPaging() {
    List<Image> own = east.describeImages(r -> r.owners("self")).images();
    String id = own.get(1).imageId();
    assertEquals(List.of(id), east.describeImages(r -> r.imageIds(id)).images().stream().map(Image::imageId).toList());
    Ec2Exception missing =
        assertThrows(Ec2Exception.class, () -> east.describeImages(r -> r.imageIds("ami-0123456789abcdef0")));
    assertEquals("InvalidAMIID.NotFound", missing.awsErrorDetails().errorCode());
    Ec2Exception malformed = assertThrows(Ec2Exception.class, () -> east.describeImages(r -> r.imageIds("ami-XYZ")));
    assertEquals("InvalidAMIID.Malformed", malformed.awsErrorDetails().errorCode());
    Ec2Exception combination =
        assertThrows(Ec2Exception.class, () -> east.describeImages(r -> r.imageIds(id).maxResults(5)));
    assertEquals("InvalidParameterCombination", combination.awsErrorDetails().errorCode());

    String arch = own.get(0).architectureAsString();
    List<Image> byArch = east.describeImages(r -> r.owners("self")
        .filters(Filter.builder().name("architecture").values(arch).build())).images();
    assertTrue(!byArch.isEmpty() && byArch.stream().allMatch(i -> i.architectureAsString().equals(arch)));
    List<Image> wild =
        east.describeImages(r -> r.filters(Filter.builder().name("name").values("al2023-*").build())).images();
    assertEquals(2, wild.size(), "EC2 filter values take * and ?");

    List<String> paged = new ArrayList<>();
    east.describeImagesPaginator(r -> r.maxResults(5)).images().forEach(i -> paged.add(i.imageId()));
    assertEquals(own.size() + 2, paged.size());
    assertEquals(paged.size(), paged.stream().distinct().count());
    DescribeImagesResponse firstPage = east.describeImages(r -> r.maxResults(5));
    assertNotNull(firstPage.nextToken());
  }
}
