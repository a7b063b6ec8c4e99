package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/** Paging through generated tasks with the SDK paginator: nothing lost, nothing repeated, order kept. */
class PaginationTest {
  private static final String REGION = "us-east-2";
  private static final int TASKS = 1_234;
  private LocalAws aws;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().clock(new MutableClock(Instant.parse("2026-03-01T12:00:00Z")))
        .seed(SeedGenerator.storeImageTasks(REGION, TASKS, 3)).start();
    ec2 = Clients.ec2(aws, REGION);
  }

  @AfterEach
  void stop() {
    ec2.close();
    aws.close();
  }

  @Test
  void paginatorVisitsEveryTaskOnceInOrder() {
    List<StoreImageTaskResult> all = new ArrayList<>();
    ec2.describeStoreImageTasksPaginator(b -> b.maxResults(7)).storeImageTaskResults().forEach(all::add);
    assertEquals(TASKS, all.size());
    assertEquals(TASKS, all.stream().map(StoreImageTaskResult::amiId).distinct().count());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(!all.get(i).taskStartTime().isAfter(all.get(i - 1).taskStartTime()), "newest first at " + i);
    }
    assertEquals((TASKS + 6) / 7, aws.requestLog().count("DescribeStoreImageTasks"));
    List<LoggedRequest> calls = aws.requestLog().forAction("DescribeStoreImageTasks");
    assertNull(calls.get(0).parameter("NextToken"));
    calls.subList(1, calls.size()).forEach(c -> assertTrue(c.parameter("NextToken") != null));
  }

  @Test
  void withoutMaxResultsPagesHold200() {
    DescribeStoreImageTasksResponse first = ec2.describeStoreImageTasks(b -> { });
    assertEquals(200, first.storeImageTaskResults().size());
    assertTrue(first.nextToken() != null);
  }

  @Test
  void filteredPagingIsExact() {
    Set<String> expected = new HashSet<>();
    ec2.describeStoreImageTasksPaginator(b -> b.maxResults(200)).storeImageTaskResults().forEach(t -> {
      if (t.storeTaskState().equals("Failed") && t.bucket().equals(SeedGenerator.bucket(REGION, 2))) {
        expected.add(t.amiId());
      }
    });
    List<String> paged = new ArrayList<>();
    ec2.describeStoreImageTasksPaginator(b -> b.maxResults(3).filters(
            Filter.builder().name("task-state").values("Failed").build(),
            Filter.builder().name("bucket").values(SeedGenerator.bucket(REGION, 2)).build()))
        .storeImageTaskResults().forEach(t -> paged.add(t.amiId()));
    assertTrue(!expected.isEmpty());
    assertEquals(expected, new HashSet<>(paged));
    assertEquals(expected.size(), paged.size());
  }

  @Test
  void tasksCreatedBetweenPagesNeitherShiftNorRepeatTheListing() {
    aws.load(new Seed(Map.of(REGION, new Seed.RegionSeed(List.of(),
        List.of(new Seed.AmiSeed("ami-0f0f0f0f0f0f0f0f0", null, null, null),
            new Seed.AmiSeed("ami-0e0e0e0e0e0e0e0e0", null, null, null)), List.of()))));
    List<String> seen = new ArrayList<>();
    Iterator<DescribeStoreImageTasksResponse> pages =
        ec2.describeStoreImageTasksPaginator(b -> b.maxResults(50)).iterator();
    int page = 0;
    while (pages.hasNext()) {
      pages.next().storeImageTaskResults().forEach(t -> seen.add(t.amiId()));
      if (++page == 2) {
        ec2.createStoreImageTask(b -> b.imageId("ami-0f0f0f0f0f0f0f0f0").bucket(SeedGenerator.bucket(REGION, 0)));
      } else if (page == 5) {
        ec2.createStoreImageTask(b -> b.imageId("ami-0e0e0e0e0e0e0e0e0").bucket(SeedGenerator.bucket(REGION, 1)));
      }
    }
    assertEquals(TASKS, seen.size(), "every original task once; the new ones are newer than the cursor");
    assertEquals(TASKS, new HashSet<>(seen).size());
    List<String> fresh = new ArrayList<>();
    ec2.describeStoreImageTasksPaginator(b -> b.maxResults(2)).storeImageTaskResults().stream().limit(2)
        .forEach(t -> fresh.add(t.amiId()));
    assertEquals(List.of("ami-0e0e0e0e0e0e0e0e0", "ami-0f0f0f0f0f0f0f0f0"), fresh, "a new listing shows them first");
  }
}
