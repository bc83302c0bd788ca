package dev.stratus.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * EC2's MaxResults / NextToken paging, shared by every paginated Describe*: the request is checked
 * against the operation's {@link PagedOperation} limits before any lookup, then the matching items
 * are cut into a page with an opaque token naming where the next page starts.
 */
public final class Ec2Pagination {
  /*
   * How a page is cut.
   *  - Without MaxResults and NextToken nothing changes: every matching item, in the handler's order,
   *    and no token (AWS: "If this parameter is not specified, then all items are returned").
   *  - Otherwise the items are ordered by a stable key (the resource id; DescribeTags uses resource id
   *    then tag key) and the page is the first MaxResults items whose key sorts after the token's key.
   *    Unpaged Describe* lists come from the store in id order too, so the pages of a listing
   *    concatenate to the unpaged answer.
   *  - The token is base64url("<operation>:<last key returned>"). It names the last item returned, not
   *    the next one, so deleting or creating items between calls never invalidates a token: the next
   *    page simply continues after that key, as AWS's tokens keep working across changes. A token that
   *    does not decode, or that another operation issued, is AWS's InvalidParameterValue.
   *  - Filters apply before paging, so every page but the last is full (AWS may return short pages;
   *    callers must follow the token either way).
   *  - A token is only issued when more items remain; the last page carries none.
   *
   * core's Pagination (marker = first key of the next page, unknown marker refused) is not reused: its
   * marker stops working when that item is deleted between calls, which EC2's tokens do not.
   */

  private Ec2Pagination() {}

  /** The (possibly clamped) page size and the key after which the page starts, from a checked request. */
  public record Cursor(PagedOperation operation, Optional<Integer> limit, Optional<String> after) {
    public Cursor {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(after, "after");
    }

    /** Whether the request asked for paging at all (MaxResults or NextToken present). */
    public boolean paged() { return limit.isPresent() || after.isPresent(); }

    /**
     * The page of {@code items}: all of them unchanged when unpaged, else up to {@code limit} items
     * ordered by {@code key} that sort after the token's key.
     */
    public <T> Page<T> page(List<T> items, Function<T, String> key) {
      if (!paged()) return new Page<>(items, Optional.empty());
      List<T> rest = items.stream().filter(t -> after.map(a -> key.apply(t).compareTo(a) > 0).orElse(true))
          .sorted(Comparator.comparing(key)).toList();
      int size = limit.orElse(rest.size());
      if (rest.size() <= size) return new Page<>(rest, Optional.empty());
      List<T> shown = rest.subList(0, size);
      return new Page<>(shown, Optional.of(encode(operation, key.apply(shown.get(size - 1)))));
    }

    /** The first {@code limit} of {@code items} in their own order (operations without NextToken). */
    public <T> List<T> first(List<T> items) {
      return items.subList(0, Math.min(items.size(), limit.orElse(operation.max)));
    }
  }

  /** One page of items and the token for the next page, absent on the last page. */
  public record Page<T>(List<T> items, Optional<String> nextToken) {
    public Page {
      items = List.copyOf(items);
      Objects.requireNonNull(nextToken, "nextToken");
    }

    /** The token as the SDK builders take it (null when there is no next page). */
    public String nextTokenOrNull() { return nextToken.orElse(null); }
  }

  /** Checks MaxResults and NextToken for {@code operation}. */
  public static Cursor cursor(PagedOperation operation, Integer maxResults, String nextToken) {
    return cursor(operation, maxResults, nextToken, List.of());
  }

  /**
   * Checks MaxResults (range), the id list (AWS's InvalidParameterCombination where the operation
   * refuses ids with MaxResults) and NextToken (issued by this operation), in that order.
   *
   * @param ids the explicit resource ids of the request (empty when none)
   */
  public static Cursor cursor(PagedOperation operation, Integer maxResults, String nextToken, List<String> ids) {
    Optional<Integer> limit = Optional.empty();
    if (maxResults != null) {
      if (maxResults < operation.min) throw Ec2Errors.maxResultsTooSmall(maxResults, operation.min);
      if (maxResults > operation.max && !operation.clampAbove) {
        throw Ec2Errors.maxResultsTooLarge(maxResults, operation.max);
      }
      limit = Optional.of(Math.min(maxResults, operation.max));
      if (ids != null && !ids.isEmpty() && operation.idsParameter().isPresent()) {
        throw Ec2Errors.idsWithMaxResults(operation.idsParameter().get());
      }
    }
    if ("".equals(nextToken) && operation.refusesEmptyToken()) throw Ec2Errors.invalidNextToken(nextToken);
    Optional<String> after = nextToken == null || nextToken.isEmpty() ? Optional.empty()
        : Optional.of(decode(operation, nextToken));
    return new Cursor(operation, limit, after);
  }

  /** The token naming {@code lastKey} as the last item returned by {@code operation}. */
  public static String encode(PagedOperation operation, String lastKey) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((operation.name() + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The last key a token of {@code operation} names, or AWS's InvalidParameterValue. */
  public static String decode(PagedOperation operation, String token) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      throw Ec2Errors.invalidNextToken(token);
    }
    String prefix = operation.name() + ":";
    if (!text.startsWith(prefix) || text.length() == prefix.length()) throw Ec2Errors.invalidNextToken(token);
    return text.substring(prefix.length());
  }
}
