package dev.stratus.wafv2.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.wafv2.model.BodyParsingFallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.FallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.JsonBody;
import software.amazon.awssdk.services.wafv2.model.JsonMatchScope;
import software.amazon.awssdk.services.wafv2.model.MapMatchScope;
import software.amazon.awssdk.services.wafv2.model.OversizeHandling;

/**
 * FieldToMatch compiled: which parts of the request a statement inspects. A field gives either
 * the values to inspect (a statement matches when any value matches, e.g. any query argument) or
 * a forced answer: oversize handling MATCH / NO_MATCH, invalid-JSON fallback, or a missing single
 * header / argument (no match).
 */
final class Fields {
  private Fields() {}

  /** What a field yields for one request. */
  record Inspected(List<String> values, Boolean forced) {
    static final Inspected MATCH = new Inspected(List.of(), true);
    static final Inspected NO_MATCH = new Inspected(List.of(), false);

    static Inspected of(List<String> values) { return new Inspected(values, null); }

    static Inspected of(String value) { return new Inspected(List.of(value), null); }
  }

  /** A compiled field; {@code bodySized} marks Body / JsonBody, whose size is the full body's. */
  record Field(String kind, Function<Evaluation, Inspected> extract, boolean bodySized, OversizeHandling oversize) {
    Inspected inspect(Evaluation ev) { return extract.apply(ev); }
  }

  static Field compile(FieldToMatch f) {
    if (f == null) throw new WafCompileException("FieldToMatch is required");
    if (f.uriPath() != null) return new Field("UriPath", ev -> Inspected.of(ev.uriPath()), false, null);
    if (f.queryString() != null) return new Field("QueryString", ev -> Inspected.of(ev.queryString()), false, null);
    if (f.method() != null) return new Field("Method", ev -> Inspected.of(ev.request.method()), false, null);
    if (f.singleHeader() != null) {
      String name = f.singleHeader().name();
      return new Field("SingleHeader", ev -> ev.header(name).map(Inspected::of).orElse(Inspected.NO_MATCH), false, null);
    }
    if (f.singleQueryArgument() != null) {
      String name = f.singleQueryArgument().name().toLowerCase(Locale.ROOT);
      return new Field("SingleQueryArgument", ev -> {
        List<String> values = ev.queryArgs().stream()
            .filter(e -> Transformations.urlDecode(e.getKey(), false).toLowerCase(Locale.ROOT).equals(name))
            .map(e -> e.getValue()).toList();
        return values.isEmpty() ? Inspected.NO_MATCH : Inspected.of(values);
      }, false, null);
    }
    if (f.allQueryArguments() != null) {
      return new Field("AllQueryArguments", ev -> Inspected.of(ev.queryArgs().stream().map(e -> e.getValue()).toList()),
          false, null);
    }
    if (f.body() != null) {
      OversizeHandling over = oversize(f.body().oversizeHandling());
      return new Field("Body", ev -> {
        if (ev.bodyOversize() && over != OversizeHandling.CONTINUE) return forced(over);
        return Inspected.of(ev.body());
      }, true, over);
    }
    if (f.jsonBody() != null) return jsonBody(f.jsonBody());
    if (f.headers() != null) {
      var p = f.headers().matchPattern();
      Set<String> included = p != null && p.hasIncludedHeaders() ? lower(p.includedHeaders()) : null;
      Set<String> excluded = p != null && p.hasExcludedHeaders() ? lower(p.excludedHeaders()) : Set.of();
      MapMatchScope scope = f.headers().matchScope();
      OversizeHandling over = oversize(f.headers().oversizeHandling());
      return new Field("Headers", ev -> {
        if (ev.headersOversize() && over != OversizeHandling.CONTINUE) return forced(over);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (var h : ev.headers()) {
          if (n++ >= InspectionLimits.HEADER_COUNT) break;
          String name = h.getKey().toLowerCase(Locale.ROOT);
          if ((included != null && !included.contains(name)) || excluded.contains(name)) continue;
          addScoped(out, scope, h.getKey(), h.getValue());
        }
        return Inspected.of(out);
      }, false, over);
    }
    if (f.cookies() != null) {
      var p = f.cookies().matchPattern();
      Set<String> included = p != null && p.hasIncludedCookies() ? Set.copyOf(p.includedCookies()) : null;
      Set<String> excluded = p != null && p.hasExcludedCookies() ? Set.copyOf(p.excludedCookies()) : Set.of();
      MapMatchScope scope = f.cookies().matchScope();
      OversizeHandling over = oversize(f.cookies().oversizeHandling());
      return new Field("Cookies", ev -> {
        if (ev.cookiesOversize() && over != OversizeHandling.CONTINUE) return forced(over);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (var c : ev.cookies()) {
          if (n++ >= InspectionLimits.COOKIE_COUNT) break;
          if ((included != null && !included.contains(c.getKey())) || excluded.contains(c.getKey())) continue;
          addScoped(out, scope, c.getKey(), c.getValue());
        }
        return Inspected.of(out);
      }, false, over);
    }
    if (f.headerOrder() != null) {
      OversizeHandling over = oversize(f.headerOrder().oversizeHandling());
      // AWS gives the header names as sent, colon-separated; the front end gives them lower-cased.
      return new Field("HeaderOrder", ev -> {
        if (ev.headersOversize() && over != OversizeHandling.CONTINUE) return forced(over);
        return Inspected.of(ev.request.headers().keySet().stream().map(Evaluation::bytes).collect(Collectors.joining(":")));
      }, false, over);
    }
    if (f.uriFragment() != null) {
      // Clients do not send the fragment; a request target that carries one is inspected, else the fallback.
      FallbackBehavior fb = f.uriFragment().fallbackBehavior();
      return new Field("UriFragment", ev -> {
        int hash = ev.request.uri().indexOf('#');
        if (hash >= 0) return Inspected.of(Evaluation.bytes(ev.request.uri().substring(hash + 1)));
        return fb == FallbackBehavior.MATCH ? Inspected.MATCH : Inspected.NO_MATCH;
      }, false, null);
    }
    if (f.ja3Fingerprint() != null || f.ja4Fingerprint() != null) {
      // The front end hands WAF no TLS ClientHello, so there is no fingerprint: the fallback applies.
      FallbackBehavior fb = f.ja3Fingerprint() != null ? f.ja3Fingerprint().fallbackBehavior() : f.ja4Fingerprint().fallbackBehavior();
      return new Field("JA3/JA4", ev -> fb == FallbackBehavior.MATCH ? Inspected.MATCH : Inspected.NO_MATCH, false, null);
    }
    throw new WafCompileException("FieldToMatch names no field");
  }

  private static Field jsonBody(JsonBody j) {
    OversizeHandling over = oversize(j.oversizeHandling());
    JsonMatchScope scope = j.matchScope() == null ? JsonMatchScope.ALL : j.matchScope();
    List<String> paths = j.matchPattern() != null && j.matchPattern().hasIncludedPaths() ? j.matchPattern().includedPaths() : null;
    BodyParsingFallbackBehavior fallback = j.invalidFallbackBehavior();
    return new Field("JsonBody", ev -> {
      if (ev.bodyOversize() && over != OversizeHandling.CONTINUE) return forced(over);
      JsonScan.Result r = JsonScan.scan(ev.body());
      if (!r.valid() && fallback != null && fallback != BodyParsingFallbackBehavior.UNKNOWN_TO_SDK_VERSION) {
        return switch (fallback) {
          case MATCH -> Inspected.MATCH;
          case NO_MATCH -> Inspected.NO_MATCH;
          default -> Inspected.of(ev.body()); // EVALUATE_AS_STRING
        };
      }
      List<String> out = new ArrayList<>();
      for (JsonScan.Element e : r.elements()) {
        if (paths != null && paths.stream().noneMatch(p -> e.pointer().equals(p) || e.pointer().startsWith(p + "/"))) continue;
        boolean wanted = switch (scope) {
          case KEY -> e.key();
          case VALUE -> !e.key();
          default -> true;
        };
        if (wanted) out.add(Evaluation.bytes(e.text()));
      }
      return Inspected.of(out);
    }, true, over);
  }

  private static void addScoped(List<String> out, MapMatchScope scope, String key, String value) {
    switch (scope == null ? MapMatchScope.ALL : scope) {
      case KEY -> out.add(key);
      case VALUE -> out.add(value);
      default -> {
        out.add(key);
        out.add(value);
      }
    }
  }

  private static Set<String> lower(List<String> names) {
    Set<String> out = new TreeSet<>();
    for (String n : names) out.add(n.toLowerCase(Locale.ROOT));
    return out;
  }

  private static OversizeHandling oversize(OversizeHandling o) {
    return o == null || o == OversizeHandling.UNKNOWN_TO_SDK_VERSION ? OversizeHandling.CONTINUE : o;
  }

  private static Inspected forced(OversizeHandling o) {
    return o == OversizeHandling.MATCH ? Inspected.MATCH : Inspected.NO_MATCH;
  }
}
