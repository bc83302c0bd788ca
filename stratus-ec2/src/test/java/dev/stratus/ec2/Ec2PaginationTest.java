package dev.stratus.ec2;

import static dev.stratus.ec2.Ec2Fixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shared MaxResults / NextToken rules of {@link Ec2Pagination}, without any handler. */
class Ec2PaginationTest {
  private static final List<String> TWELVE = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("vpc-%02d", i))
      .toList();

  private static List<List<String>> walk(PagedOperation op, List<String> items, int size) {
    List<List<String>> pages = new ArrayList<>();
    String token = null;
    do {
      var page = Ec2Pagination.cursor(op, size, token).page(items, Function.identity());
      pages.add(page.items());
      token = page.nextTokenOrNull();
    } while (token != null);
    return pages;
  }

  @Test
  void page_noMaxResultsNoToken_everythingInGivenOrderNoToken() {
    List<String> shuffled = List.of("vpc-09", "vpc-01", "vpc-05");
    var page = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, null, null).page(shuffled, Function.identity());
    assertThat(page.items()).containsExactlyElementsOf(shuffled);
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void page_twelveBy5_threePagesInIdOrderLastWithoutToken() {
    var pages = walk(PagedOperation.DESCRIBE_VPCS, TWELVE.reversed(), 5);
    assertThat(pages).extracting(List::size).containsExactly(5, 5, 2);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(TWELVE);
  }

  @Test
  void page_exactlyFull_noToken() {
    var page = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 12, null).page(TWELVE, Function.identity());
    assertThat(page.items()).hasSize(12);
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void page_lastReturnedItemDeletedBetweenCalls_continuesAfterIt() {
    var first = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 5, null).page(TWELVE, Function.identity());
    List<String> without5 = TWELVE.stream().filter(id -> !id.equals("vpc-05")).toList();
    var second = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 5, first.nextTokenOrNull())
        .page(without5, Function.identity());
    assertThat(second.items()).containsExactly("vpc-06", "vpc-07", "vpc-08", "vpc-09", "vpc-10");
  }

  @Test
  void page_tokenWithoutMaxResults_restAfterToken() {
    String token = Ec2Pagination.encode(PagedOperation.DESCRIBE_VPCS, "vpc-10");
    var page = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, null, token).page(TWELVE, Function.identity());
    assertThat(page.items()).containsExactly("vpc-11", "vpc-12");
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void cursor_belowMinimum_awsInvalidParameterValue() {
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_INSTANCES, 3, null), "InvalidParameterValue")
        .hasMessage("Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 0, null), "InvalidParameterValue");
  }

  @Test
  void cursor_aboveMaximum_refusedOrClampedPerOperation() {
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_ROUTE_TABLES, 101, null), "InvalidParameterValue")
        .hasMessage("Value ( 101 ) for parameter maxResults is invalid. Expecting a value less than 100.");
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS, 256, null),
        "InvalidParameterValue");
    assertThat(Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPC_ENDPOINTS, 5000, null).limit()).contains(1000);
    assertThat(Ec2Pagination.cursor(PagedOperation.DESCRIBE_MANAGED_PREFIX_LISTS, 1, null).limit()).contains(1);
  }

  @Test
  void cursor_instanceIdsWithMaxResults_invalidParameterCombination() {
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_INSTANCES, 5, null, List.of("i-0123456789abcdef0")),
        "InvalidParameterCombination").hasMessage("The parameter instancesSet cannot be used with the parameter maxResults");
    assertThat(Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 5, null, List.of("vpc-01")).paged()).isTrue();
  }

  @Test
  void cursor_garbageOrForeignToken_invalidParameterValue() {
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 5, "not base64!"), "InvalidParameterValue")
        .hasMessage("Value ( not base64! ) for parameter NextToken is invalid. The token is invalid.");
    String subnetToken = Ec2Pagination.encode(PagedOperation.DESCRIBE_SUBNETS, "subnet-01");
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 5, subnetToken), "InvalidParameterValue");
    String empty = Ec2Pagination.encode(PagedOperation.DESCRIBE_VPCS, "");
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, 5, empty), "InvalidParameterValue");
  }

  @Test
  void cursor_emptyToken_refusedByDescribeVpcsOnly() {
    refused(() -> Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPCS, null, ""), "InvalidParameterValue")
        .hasMessage("Value (  ) for parameter NextToken is invalid. The token is invalid.");
    assertThat(Ec2Pagination.cursor(PagedOperation.DESCRIBE_SECURITY_GROUPS, null, "").paged()).isFalse();
  }

  @Test
  void first_searchWithoutMaxResults_awsDefaultOf1000() {
    List<Integer> many = IntStream.range(0, 1200).boxed().toList();
    assertThat(Ec2Pagination.cursor(PagedOperation.SEARCH_TRANSIT_GATEWAY_ROUTES, null, null).first(many)).hasSize(1000);
    assertThat(Ec2Pagination.cursor(PagedOperation.SEARCH_TRANSIT_GATEWAY_ROUTES, 5, null).first(many))
        .containsExactly(0, 1, 2, 3, 4);
  }
}
