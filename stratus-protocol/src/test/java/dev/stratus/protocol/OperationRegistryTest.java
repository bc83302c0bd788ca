package dev.stratus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;

class OperationRegistryTest {

  /** A handler. */
  public static final class VpcHandler {
    public DescribeVpcsResponse describeVpcs(RequestContext c, DescribeVpcsRequest r) { return null; }

    public String notAHandler(RequestContext c, String s) { return s; }
  }

  @Test void of_handlerMethods_areFoundByRequestType() {
    OperationRegistry registry = OperationRegistry.of(List.of(new VpcHandler()));
    Operation op = registry.service(ServiceDescriptor.EC2).operation("DescribeVpcs").orElseThrow();

    assertThat(registry.handlerCount()).isEqualTo(1);
    assertThat(registry.handler(op)).isPresent();
    assertThat(op.binding().apiVersion()).isEqualTo("2016-11-15");
    assertThat(op.xmlNamespace()).isEqualTo("http://ec2.amazonaws.com/doc/2016-11-15/");
  }

  @Test void of_sameOperationTwice_isRefused() {
    assertThatThrownBy(() -> OperationRegistry.of(List.of(new VpcHandler(), new VpcHandler())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DescribeVpcsRequest is served twice");
  }

  @Test void operation_recasedSdkClassName_isFoundByWireName() {
    ServiceModel waf = OperationRegistry.of(List.of()).service(ServiceDescriptor.WAFV2);

    assertThat(waf.operation("ListWebACLs")).get().extracting(Operation::name).isEqualTo("ListWebACLs");
    assertThat(waf.operation("ListWebAcLs")).isEmpty();
    assertThat(waf.operation("../../etc")).isEmpty();
  }

  @Test void operationNames_everyService_hasItsSdkOperations() {
    OperationRegistry registry = OperationRegistry.of(List.of());
    Map<String, Integer> counts = new TreeMap<>();
    for (ServiceDescriptor d : ServiceDescriptor.ALL) counts.put(d.id(), registry.service(d).operationNames().size());

    assertThat(counts.get("ec2")).isGreaterThan(700);
    assertThat(counts.get("route53")).isGreaterThan(60);
    assertThat(counts.get("sts")).isGreaterThanOrEqualTo(8);
    assertThat(counts.get("acm")).isGreaterThanOrEqualTo(15);
    assertThat(counts.get("cloudfrontkeyvaluestore")).isEqualTo(6);
    counts.remove("sts");
    counts.remove("acm");
    counts.remove("cloudfrontkeyvaluestore"); // small APIs
    assertThat(counts.values()).allMatch(n -> n > 40);
  }

  @Test void operations_restServices_loadEveryBinding() {
    OperationRegistry registry = OperationRegistry.of(List.of());
    for (ServiceDescriptor d : List.of(ServiceDescriptor.ROUTE53, ServiceDescriptor.CLOUDFRONT,
        ServiceDescriptor.APIGATEWAY, ServiceDescriptor.APIGATEWAYV2)) {
      ServiceModel model = registry.service(d);
      assertThat(model.operations()).as(d.id()).hasSize(model.operationNames().size());
      assertThat(model.operations()).allMatch(op -> op.binding().requestUri() != null);
    }
  }
}
