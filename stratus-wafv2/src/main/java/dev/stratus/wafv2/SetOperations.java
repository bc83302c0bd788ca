package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.Resources.Kind;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafScope;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.wafv2.model.*;

/** IP sets (CIDRs of one IP version) and regex pattern sets, referenced by rules. */
public final class SetOperations {
  /** Quotas (wafv2.md §7): CIDRs per IP set, patterns per regex pattern set, characters per pattern. */
  static final int MAX_ADDRESSES = 10_000, MAX_PATTERNS = 10, MAX_PATTERN_LENGTH = 200;
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Store store;
  private final Resources resources;

  public SetOperations(Store store) {
    this.store = store;
    this.resources = new Resources(store);
  }

  public CreateIpSetResponse createIPSet(RequestContext ctx, CreateIpSetRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    addresses(req.ipAddressVersion(), req.addresses());
    WafEntity e = resources.create(ctx, scope, Kind.IP_SET, req.name(), req.description(), req.tags(),
        (tx, id, arn) -> SdkJson.write(IPSet.builder().id(id).name(req.name()).arn(arn).description(Resources.described(req.description()))
            .ipAddressVersion(req.ipAddressVersion()).addresses(req.addresses()).build()));
    return CreateIpSetResponse.builder().summary(ipSummary(e)).build();
  }

  public GetIpSetResponse getIPSet(RequestContext ctx, GetIpSetRequest req) {
    WafEntity e = resources.get(ctx, Resources.scope(ctx, req.scopeAsString()), Kind.IP_SET, req.name(), req.id());
    return GetIpSetResponse.builder().ipSet(SdkJson.read(e.document(), IPSet.builder())).lockToken(e.lockToken()).build();
  }

  public UpdateIpSetResponse updateIPSet(RequestContext ctx, UpdateIpSetRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    WafEntity e = resources.update(ctx, scope, Kind.IP_SET, req.name(), req.id(), req.lockToken(), req.description(),
        (tx, current) -> {
          IPSet set = SdkJson.read(current.document(), IPSet.builder());
          addresses(set.ipAddressVersion(), req.addresses());
          return SdkJson.write(set.toBuilder().description(Resources.described(req.description())).addresses(req.addresses()).build());
        });
    return UpdateIpSetResponse.builder().nextLockToken(e.lockToken()).build();
  }

  public DeleteIpSetResponse deleteIPSet(RequestContext ctx, DeleteIpSetRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    resources.delete(ctx, scope, Kind.IP_SET, req.name(), req.id(), req.lockToken(),
        (tx, e) -> References.refuseIfReferenced(tx, Resources.storeScope(ctx, scope), e.arn()));
    return DeleteIpSetResponse.builder().build();
  }

  public ListIpSetsResponse listIPSets(RequestContext ctx, ListIpSetsRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    var page = resources.list(ctx, scope, Kind.IP_SET, req.limit(), req.nextMarker(), SetOperations::ipSummary);
    return ListIpSetsResponse.builder().ipSets(page.items()).nextMarker(page.nextMarker().orElse(null)).build();
  }

  public CreateRegexPatternSetResponse createRegexPatternSet(RequestContext ctx, CreateRegexPatternSetRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    patterns(req.regularExpressionList());
    WafEntity e = resources.create(ctx, scope, Kind.REGEX_PATTERN_SET, req.name(), req.description(), req.tags(),
        (tx, id, arn) -> SdkJson.write(RegexPatternSet.builder().id(id).name(req.name()).arn(arn)
            .description(Resources.described(req.description())).regularExpressionList(req.regularExpressionList()).build()));
    return CreateRegexPatternSetResponse.builder().summary(regexSummary(e)).build();
  }

  public GetRegexPatternSetResponse getRegexPatternSet(RequestContext ctx, GetRegexPatternSetRequest req) {
    WafEntity e = resources.get(ctx, Resources.scope(ctx, req.scopeAsString()), Kind.REGEX_PATTERN_SET, req.name(), req.id());
    return GetRegexPatternSetResponse.builder().regexPatternSet(SdkJson.read(e.document(), RegexPatternSet.builder()))
        .lockToken(e.lockToken()).build();
  }

  public UpdateRegexPatternSetResponse updateRegexPatternSet(RequestContext ctx, UpdateRegexPatternSetRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    patterns(req.regularExpressionList());
    WafEntity e = resources.update(ctx, scope, Kind.REGEX_PATTERN_SET, req.name(), req.id(), req.lockToken(),
        req.description(), (tx, current) -> SdkJson.write(SdkJson.read(current.document(), RegexPatternSet.builder())
            .toBuilder().description(Resources.described(req.description())).regularExpressionList(req.regularExpressionList()).build()));
    return UpdateRegexPatternSetResponse.builder().nextLockToken(e.lockToken()).build();
  }

  public DeleteRegexPatternSetResponse deleteRegexPatternSet(RequestContext ctx, DeleteRegexPatternSetRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    resources.delete(ctx, scope, Kind.REGEX_PATTERN_SET, req.name(), req.id(), req.lockToken(),
        (tx, e) -> References.refuseIfReferenced(tx, Resources.storeScope(ctx, scope), e.arn()));
    return DeleteRegexPatternSetResponse.builder().build();
  }

  public ListRegexPatternSetsResponse listRegexPatternSets(RequestContext ctx, ListRegexPatternSetsRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    var page = resources.list(ctx, scope, Kind.REGEX_PATTERN_SET, req.limit(), req.nextMarker(), SetOperations::regexSummary);
    return ListRegexPatternSetsResponse.builder().regexPatternSets(page.items())
        .nextMarker(page.nextMarker().orElse(null)).build();
  }

  /** Every address must be a CIDR of the set's version; AWS takes any prefix but /0. */
  static void addresses(IPAddressVersion version, List<String> addresses) {
    if (version == null || version == IPAddressVersion.UNKNOWN_TO_SDK_VERSION) {
      throw WafErrors.invalidParameter("IP_ADDRESS_VERSION", String.valueOf(version));
    }
    if (addresses.size() > MAX_ADDRESSES) throw WafErrors.limitsExceeded();
    for (String a : addresses) {
      if (!cidr(version, a)) throw WafErrors.invalid("The parameter contains formatting that isn't valid.", "IP_ADDRESS", a);
    }
  }

  private static boolean cidr(IPAddressVersion version, String a) {
    int slash = a.indexOf('/');
    if (slash < 0) return false;
    String ip = a.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(a.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    boolean v4 = version == IPAddressVersion.IPV4;
    if (prefix < 1 || prefix > (v4 ? 32 : 128)) return false;
    if (v4 ? !V4.matcher(ip).matches() : !ip.contains(":")) return false;
    try {
      InetAddress.getByName(ip); // a literal: no lookup happens
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static void patterns(List<Regex> list) {
    if (list.size() > MAX_PATTERNS) throw WafErrors.limitsExceeded();
    for (Regex r : list) {
      String p = r.regexString();
      if (p == null || p.isEmpty() || p.length() > MAX_PATTERN_LENGTH) {
        throw WafErrors.invalidParameter("REGEX_PATTERN_SET", String.valueOf(p));
      }
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        throw WafErrors.invalidParameter("REGEX_PATTERN_SET", p);
      }
    }
  }

  private static IPSetSummary ipSummary(WafEntity e) {
    return IPSetSummary.builder().id(e.id()).name(e.name()).arn(e.arn()).description(Resources.described(e.description()))
        .lockToken(e.lockToken()).build();
  }

  private static RegexPatternSetSummary regexSummary(WafEntity e) {
    return RegexPatternSetSummary.builder().id(e.id()).name(e.name()).arn(e.arn()).description(Resources.described(e.description()))
        .lockToken(e.lockToken()).build();
  }
}
