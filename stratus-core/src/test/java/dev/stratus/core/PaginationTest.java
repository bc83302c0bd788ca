package dev.stratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PaginationTest {
  private static final Function<String, AwsException> BAD = m -> AwsException.validation("bad marker " + m);

  @Test
  void page_walksTheListInLimitSizedPages() {
    var all = List.of("a", "b", "c", "d", "e");
    var first = Pagination.page(all, s -> s, null, 2, BAD);
    assertThat(first.items()).containsExactly("a", "b");
    assertThat(first.nextMarker()).contains("c");
    var last = Pagination.page(all, s -> s, "e", 2, BAD);
    assertThat(last.items()).containsExactly("e");
    assertThat(last.nextMarker()).isEmpty();
  }

  @Test
  void page_unknownMarker_isTheServicesError() {
    assertThatThrownBy(() -> Pagination.page(List.of("a"), s -> s, "zz", 2, BAD))
        .isInstanceOf(AwsException.class).hasMessage("bad marker zz");
  }

  @Test
  void page_emptyList_isOneEmptyPage() {
    var page = Pagination.page(List.<String>of(), s -> s, null, 10, BAD);
    assertThat(page.items()).isEmpty();
    assertThat(page.nextMarker()).isEmpty();
  }
}
