package dev.stratus.ec2;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Describe* filters as EC2 evaluates them: filters are ANDed, the values of one filter ORed, values
 * may use {@code *} and {@code ?} wildcards, and {@code tag:<key>}, {@code tag-key} and
 * {@code tag-value} work on every taggable resource. A filter name the operation does not know is
 * AWS's InvalidParameterValue, never match-all (STYLE anti-pattern 3).
 */
public final class Ec2Filters {
  private Ec2Filters() {}

  /** The filters one Describe* operation understands, as functions from a resource to its values. */
  public static final class Spec<T> {
    private final Function<T, String> idOf;
    private final Map<String, Function<T, Collection<String>>> fields = new LinkedHashMap<>();
    /** Filters read from the resource's SDK shape: name → member path ({@link SdkPaths}). */
    private final Map<String, String> paths = new LinkedHashMap<>();
    /** The resource as the Describe* response shows it; set per request by {@link #withShape}. */
    private Function<T, ? extends SdkPojo> shape;

    private Spec(Function<T, String> idOf) { this.idOf = idOf; }

    private Spec<T> copy() {
      Spec<T> c = new Spec<>(idOf);
      c.fields.putAll(fields);
      c.paths.putAll(paths);
      c.shape = shape;
      return c;
    }

    /**
     * A filter AWS documents as a field of the response item, read at {@code sdkPath} of the
     * item's SDK shape (needs {@link #withShape} before use).
     */
    public Spec<T> path(String name, String sdkPath) {
      paths.put(name, sdkPath);
      return this;
    }

    /** This spec reading its {@link #path} filters from {@code shape} (the item as this request answers it). */
    public Spec<T> withShape(Function<T, ? extends SdkPojo> shape) {
      Spec<T> c = copy();
      c.shape = shape;
      return c;
    }

    /** This spec with one more filter, for values only known per request (other resources' names). */
    public Spec<T> plus(String name, Function<T, Collection<String>> values) {
      Spec<T> c = copy();
      c.fields.put(name, values);
      return c;
    }

    public boolean knows(String name) { return fields.containsKey(name) || paths.containsKey(name); }

    public Collection<String> values(String name, T item) {
      Function<T, Collection<String>> f = fields.get(name);
      if (f != null) return f.apply(item);
      if (shape == null) throw new IllegalStateException("filter " + name + " needs the item's shape (withShape)");
      return SdkPaths.values(shape.apply(item), paths.get(name));
    }

    public static <T> Spec<T> of(Function<T, String> idOf) { return new Spec<>(idOf); }

    /** A filter with one value per resource (a null value matches nothing). */
    public Spec<T> one(String name, Function<T, Object> value) {
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
    public Spec<T> forAccount(String account) {
      Spec<T> copy = copy();
      copy.fields.put("owner-id", t -> List.of(account));
      return copy;
    }

    /** A filter with several values per resource. */
    public Spec<T> many(String name, Function<T, Collection<String>> values) {
      fields.put(name, values);
      return this;
    }
  }

  /**
   * The items matching every filter.
   *
   * @param tagsOf the tags of a resource id
   */
  public static <T> List<T> apply(List<Filter> filters, List<T> items, Spec<T> spec,
      Function<String, Map<String, String>> tagsOf) {
    if (filters == null || filters.isEmpty()) return items;
    Spec<T> once = spec.shape == null ? spec : spec.withShape(memoised(spec.shape));
    for (Filter f : filters) {
      String name = f.name();
      if (name == null || !(spec.knows(name) || name.startsWith("tag:")
          || name.equals("tag-key") || name.equals("tag-value"))) {
        throw Ec2Errors.invalidFilter(String.valueOf(name));
      }
    }
    return items.stream().filter(item -> filters.stream().allMatch(f -> matches(f, item, once, tagsOf))).toList();
  }

  /** One shape per item for all filters of a request. */
  private static <T> Function<T, SdkPojo> memoised(Function<T, ? extends SdkPojo> shape) {
    Map<T, SdkPojo> cache = new java.util.IdentityHashMap<>();
    return t -> cache.computeIfAbsent(t, shape);
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
      actual = spec.values(name, item);
    }
    return f.values().stream().anyMatch(pattern -> actual.stream().anyMatch(a -> glob(pattern, a)));
  }

  /** EC2 wildcard match: {@code *} any run, {@code ?} one character, {@code \} escapes. */
  public static boolean glob(String pattern, String text) {
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
