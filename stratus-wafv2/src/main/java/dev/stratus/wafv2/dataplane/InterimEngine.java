package dev.stratus.wafv2.dataplane;

import dev.stratus.core.http.HttpRequestView;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.wafv2.model.CustomRequestHandling;
import software.amazon.awssdk.services.wafv2.model.CustomResponse;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * A stand-in for the rule engine until {@code dev.stratus.wafv2.engine} is connected: it applies
 * the default action and rules whose statement is a top-level {@code IPSetReferenceStatement}
 * (source IP), with Allow/Block/Count, rule labels, inserted headers and custom responses. Every
 * other statement never matches here. It exists so that association, the filter slot, samples,
 * metrics and logs can be tested end to end; it is not the engine.
 */
public final class InterimEngine implements AclEngine {
  /** The body AWS WAF sends with its default 403 Block response. */
  static final byte[] DEFAULT_BLOCK_BODY = """
      <html>
      <head><title>403 Forbidden</title></head>
      <body>
      <center><h1>403 Forbidden</h1></center>
      </body>
      </html>
      """.getBytes(StandardCharsets.US_ASCII);

  private record Cidr(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) return false;
      BigInteger mask = BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
          .shiftRight(prefix).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  private record IpRule(Rule rule, List<Cidr> cidrs) {}

  @Override
  public Compiled compile(WebACL acl, References references) {
    List<IpRule> rules = new ArrayList<>();
    for (Rule r : acl.rules().stream().sorted(Comparator.comparingInt(Rule::priority)).toList()) {
      var ref = r.statement() == null ? null : r.statement().ipSetReferenceStatement();
      if (ref == null || r.action() == null) continue;
      var set = references.ipSet(ref.arn()).orElseThrow(() -> new IllegalStateException("no IP set " + ref.arn()));
      rules.add(new IpRule(r, set.addresses().stream().map(InterimEngine::cidr).toList()));
    }
    return new Compiled() {
      @Override
      public Decision evaluate(HttpRequestView request, String resourceType) {
        byte[] client = request.client().getAddress().getAddress();
        List<String> labels = new ArrayList<>();
        Map<String, String> inserted = new LinkedHashMap<>();
        List<Match> matches = new ArrayList<>();
        for (IpRule ir : rules) {
          if (ir.cidrs().stream().noneMatch(c -> c.contains(client))) continue;
          Rule r = ir.rule();
          r.ruleLabels().forEach(l -> labels.add(acl.labelNamespace() + l.name()));
          var a = r.action();
          if (a.count() != null) {
            matches.add(new Match(r.name(), Optional.empty(), Optional.empty(), "COUNT", Optional.empty()));
            insert(inserted, a.count().customRequestHandling());
            continue;
          }
          String action = a.block() != null ? "BLOCK" : "ALLOW";
          matches.add(new Match(r.name(), Optional.empty(), Optional.empty(), action, Optional.empty()));
          if (a.block() != null) {
            return new Decision("BLOCK", r.name(), Optional.empty(), labels, Map.of(),
                Optional.of(block(acl, a.block().customResponse())), matches);
          }
          if (a.allow() != null) insert(inserted, a.allow().customRequestHandling());
          return new Decision(action, r.name(), Optional.empty(), labels, inserted, Optional.empty(), matches);
        }
        var d = acl.defaultAction();
        if (d.block() != null) {
          return new Decision("BLOCK", Decision.DEFAULT_ACTION, Optional.empty(), labels, Map.of(),
              Optional.of(block(acl, d.block().customResponse())), matches);
        }
        insert(inserted, d.allow().customRequestHandling());
        return new Decision("ALLOW", Decision.DEFAULT_ACTION, Optional.empty(), labels, inserted, Optional.empty(), matches);
      }

      @Override
      public List<String> rateBasedManagedKeys(Optional<String> ruleGroupRuleName, String ruleName) {
        return List.of();
      }
    };
  }

  @Override
  public void forget(String webAclArn) {}

  private static void insert(Map<String, String> inserted, CustomRequestHandling handling) {
    if (handling == null) return;
    handling.insertHeaders().forEach(h -> inserted.put("x-amzn-waf-" + h.name().toLowerCase(Locale.ROOT), h.value()));
  }

  /** The default 403 page, or the action's custom response with a body from the web ACL's CustomResponseBodies. */
  static Response block(WebACL acl, CustomResponse custom) {
    if (custom == null) return new Response(403, Map.of("content-type", "text/html"), DEFAULT_BLOCK_BODY);
    Map<String, String> headers = new LinkedHashMap<>();
    // Unlike inserted request headers, response headers keep their names (a 302's Location must work).
    custom.responseHeaders().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h.value()));
    byte[] body = new byte[0];
    if (custom.customResponseBodyKey() != null && acl.customResponseBodies().containsKey(custom.customResponseBodyKey())) {
      var b = acl.customResponseBodies().get(custom.customResponseBodyKey());
      headers.put("content-type", switch (b.contentTypeAsString()) {
        case "TEXT_HTML" -> "text/html";
        case "APPLICATION_JSON" -> "application/json";
        default -> "text/plain";
      });
      body = b.content().getBytes(StandardCharsets.UTF_8);
    }
    return new Response(custom.responseCode(), headers, body);
  }

  private static Cidr cidr(String text) {
    int slash = text.indexOf('/');
    try {
      return new Cidr(InetAddress.getByName(text.substring(0, slash)).getAddress(), Integer.parseInt(text.substring(slash + 1)));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
