package dev.stratus.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.RequestContext;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.store.MemoryStore;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module is found by ServiceLoader and serves every Route 53 operation the control plane owns. */
class Route53ModuleTest {
  static final Set<String> OPERATIONS = Set.of("CreateHostedZone", "GetHostedZone", "ListHostedZones",
      "ListHostedZonesByName", "ListHostedZonesByVpc", "GetHostedZoneCount", "UpdateHostedZoneComment", "DeleteHostedZone",
      "AssociateVpcWithHostedZone", "DisassociateVpcFromHostedZone", "CreateReusableDelegationSet",
      "GetReusableDelegationSet", "ListReusableDelegationSets", "DeleteReusableDelegationSet",
      "GetReusableDelegationSetLimit", "ChangeResourceRecordSets", "ListResourceRecordSets", "GetChange",
      "CreateHealthCheck", "GetHealthCheck", "ListHealthChecks", "UpdateHealthCheck", "DeleteHealthCheck",
      "GetHealthCheckCount", "GetHealthCheckStatus", "GetHealthCheckLastFailureReason", "CreateCidrCollection",
      "ChangeCidrCollection", "ListCidrCollections", "ListCidrBlocks", "ListCidrLocations", "DeleteCidrCollection",
      "ChangeTagsForResource", "ListTagsForResource", "ListTagsForResources", "GetGeoLocation", "ListGeoLocations",
      "GetAccountLimit", "GetHostedZoneLimit");

  @Test
  void serviceLoader_findsRoute53Module() {
    assertThat(ServiceLoader.load(ServiceModule.class).stream().map(p -> p.type().getName()))
        .contains(Route53Module.class.getName());
  }

  @Test
  void handlers_coverEveryOperation() {
    var served = new Route53Module().handlers(new MemoryStore(), Clock.systemUTC()).stream()
        .flatMap(h -> Arrays.stream(h.getClass().getMethods()))
        .filter(m -> m.getParameterCount() == 2 && m.getParameterTypes()[0] == RequestContext.class)
        .map(Method::getParameterTypes).map(p -> p[1].getSimpleName().replaceFirst("Request$", ""))
        .collect(Collectors.toSet());
    assertThat(served).containsAll(OPERATIONS);
  }
}
