package dev.stratus.ec2;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Describe* filters as EC2 evaluates them: filters are ANDed, the values of one filter ORed, values
 * may use {@code *} and {@code ?} wildcards, and {@code tag:<key>}, {@code tag-key} and
 * {@code tag-value} work on every taggable resource. A filter name the operation does not know is
 * AWS's InvalidParameterValue, never match-all (STYLE anti-pattern 3).
 */
final class Ec2Filters {
  private Ec2Filters() {}

  /** The filters one Describe* operation understands, as functions from a resource to its values. */
  static final class Spec<T> {
    private final Function<T, String> idOf;
    private final Map<String, Function<T, Collection<String>>> fields = new LinkedHashMap<>();

    private Spec(Function<T, String> idOf) { this.idOf = idOf; }

    static <T> Spec<T> of(Function<T, String> idOf) { return new Spec<>(idOf); }

    /** A filter with one value per resource (a null value matches nothing). */
    Spec<T> one(String name, Function<T, Object> value) {
      fields.put(name, t -> {
        Object v = value.apply(t);
        return v == null ? List.of() : List.of(String.valueOf(v));
      });
      return this;
    }

    /**
     * This spec with {@code owner-id} answering {@code account}: every resource of a store scope
     * belongs to the scope's account.
     */
    Spec<T> forAccount(String account) {
      Spec<T> copy = new Spec<>(idOf);
      copy.fields.putAll(fields);
      copy.fields.put("owner-id", t -> List.of(account));
      return copy;
    }

    /** A filter with several values per resource. */
    Spec<T> many(String name, Function<T, Collection<String>> values) {
      fields.put(name, values);
      return this;
    }
  }

  /**
   * The items matching every filter.
   *
   * @param tagsOf the tags of a resource id
   */
  static <T> List<T> apply(List<Filter> filters, List<T> items, Spec<T> spec,
      Function<String, Map<String, String>> tagsOf) {
    if (filters == null || filters.isEmpty()) return items;
    for (Filter f : filters) {
      String name = f.name();
      if (name == null || !(spec.fields.containsKey(name) || name.startsWith("tag:")
          || name.equals("tag-key") || name.equals("tag-value"))) {
        throw Ec2Errors.invalidFilter(String.valueOf(name));
      }
    }
    return items.stream().filter(item -> filters.stream().allMatch(f -> matches(f, item, spec, tagsOf))).toList();
  }

  private static <T> boolean matches(Filter f, T item, Spec<T> spec, Function<String, Map<String, String>> tagsOf) {
    String name = f.name();
    Collection<String> actual;
    if (name.startsWith("tag:")) {
      String value = tagsOf.apply(spec.idOf.apply(item)).get(name.substring(4));
      actual = value == null ? List.of() : List.of(value);
    } else if (name.equals("tag-key")) {
      actual = tagsOf.apply(spec.idOf.apply(item)).keySet();
    } else if (name.equals("tag-value")) {
      actual = tagsOf.apply(spec.idOf.apply(item)).values();
    } else {
      actual = spec.fields.get(name).apply(item);
    }
    return f.values().stream().anyMatch(pattern -> actual.stream().anyMatch(a -> glob(pattern, a)));
  }

  /** EC2 wildcard match: {@code *} any run, {@code ?} one character, {@code \} escapes. */
  static boolean glob(String pattern, String text) {
    return glob(pattern, 0, text, 0);
  }

  private static boolean glob(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = ti; k <= t.length(); k++) if (glob(p, pi + 1, t, k)) return true;
        return false;
      }
      if (ti >= t.length()) return false;
      if (c == '\\' && pi + 1 < p.length()) c = p.charAt(++pi);
      else if (c == '?') { pi++; ti++; continue; }
      if (c != t.charAt(ti)) return false;
      pi++;
      ti++;
    }
    return ti == t.length();
  }
}
