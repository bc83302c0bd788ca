package dev.stratus.apigateway;

import dev.stratus.apigateway.dataplane.ExecuteApiDataPlane;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * API Gateway (v1 REST and v2 HTTP/WebSocket) inside Stratus: the control plane over the store,
 * and the REST data plane ({@link ExecuteApiDataPlane}) when Stratus gives a listener registry.
 */
public final class ApiGatewayModule implements ServiceModule {
  /** Where REST APIs listen on their own address: port 80 (the registry substitutes 8080 without privileges). */
  public static final int HTTP_PORT = 80;
  /** Where custom domain names also listen with TLS (the registry substitutes 8443 without privileges). */
  public static final int HTTPS_PORT = 443;

  private final int port;
  private volatile ExecuteApiDataPlane dataPlane;

  public ApiGatewayModule() { this(HTTP_PORT); }

  /** @param port the port of each API's own listener (tests: 0, any free port) */
  public ApiGatewayModule(int port) { this.port = port; }

  @Override
  public String name() { return "apigateway"; }

  /** The execute-api names go into the DNS target registry the server provides. */
  @Override
  public Set<Class<?>> needs() { return Set.of(DnsTargetRegistry.class); }

  /** The running REST data plane (null when Stratus gave no listener registry). */
  public ExecuteApiDataPlane dataPlane() { return dataPlane; }

  @Override
  public Started start(StratusContext context) {
    var store = context.store();
    var clock = context.clock();
    List<AutoCloseable> resources = new ArrayList<>();
    // ACM refuses to delete a certificate a custom domain (v1 or v2, EDGE or REGIONAL) names.
    Runnable stopUse = dev.stratus.core.acm.CertificateUsers.in(context.extensions()).add(certificateArn ->
        store.listAll(dev.stratus.apigateway.model.DomainName.TABLE).stream()
            .filter(d -> certificateArn.equals(d.certificateArn()) || certificateArn.equals(d.regionalCertificateArn()))
            .map(dev.stratus.apigateway.model.DomainName::arn).sorted().toList());
    resources.add(stopUse::run);
    var listeners = context.extensions().find(ListenerRegistry.class);
    if (listeners.isPresent()) {
      // Lambda is optional and may start after us: looked up per invocation (absent → AWS's 500).
      var plane = new ExecuteApiDataPlane(store, clock, listeners.get(), Transport.shared(),
          context.extensions().find(HttpFilterRegistry.class).orElseGet(HttpFilterRegistry::new),
          context.extensions().find(VirtualHosts.class).orElse(null), DnsTargetRegistry.in(context.extensions()),
          LoopbackPool.in(context.extensions()), port, () -> context.extensions().find(FunctionInvoker.class),
          // Access logs go where the data lives (or the temp dir with --ephemeral), as the ALB's.
          context.settings().dataDir().map(d -> d.resolve("access-logs").resolve("apigateway"))
              .orElseGet(() -> java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "stratus-access-logs", "apigateway")));
      plane.useLoadBalancers(() -> context.extensions().find(dev.stratus.core.elb.LoadBalancers.class));
      plane.useCertificates(() -> context.extensions().find(dev.stratus.core.acm.Certificates.class), port == 0 ? 0 : HTTPS_PORT);
      plane.useVpcs(() -> context.extensions().find(dev.stratus.core.vpc.VpcLookup.class));
      // Private APIs' VPC endpoints serve HTTPS with ACM's Stratus CA, found per handshake (ACM may start after us).
      plane.useStratusCa(() -> context.extensions().find(dev.stratus.net.tls.StratusCa.class));
      plane.start();
      dataPlane = plane;
      resources.add(plane);
    }
    return new Started(List.of(new RestApiOperations(store, clock), new MethodOperations(store),
        new DeploymentOperations(store, clock, (api, stage) -> {
          if (dataPlane != null) dataPlane.flushStageCache(api, stage);
        }), new UsagePlanOperations(store, clock,
            () -> dataPlane == null ? UsageRecords.NONE : dataPlane::used), new RestApiPartOperations(store),
        new RestApiImportOperations(store, clock),
        new ApiGatewayTags(store), new HttpApiOperations(store, clock), new HttpStageOperations(store, clock), new HttpApiTags(store),
        new HttpApiImportOperations(store, clock),
        new DomainNameOperations(store, clock, () -> context.extensions().find(dev.stratus.core.acm.Certificates.class)),
        new VpcLinkOperations(store, clock, () -> context.extensions().find(dev.stratus.core.elb.LoadBalancers.class))), resources, List.of());
  }
}
