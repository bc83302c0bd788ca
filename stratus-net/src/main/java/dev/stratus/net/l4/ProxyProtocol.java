package dev.stratus.net.l4;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * The PROXY protocol v2 header an NLB sends a target first when the target group attribute
 * {@code proxy_protocol_v2.enabled} is true (elbv2 "Proxy protocol"), carrying the client's
 * address and port and the listener's.
 */
public final class ProxyProtocol {
  private ProxyProtocol() {}

  /** The v2 PROXY header for a flow from {@code client} to {@code listener}. */
  public static HAProxyMessage v2(InetSocketAddress client, InetSocketAddress listener, boolean tcp) {
    boolean v4 = client.getAddress() instanceof Inet4Address && listener.getAddress() instanceof Inet4Address;
    HAProxyProxiedProtocol protocol = tcp
        ? (v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6)
        : (v4 ? HAProxyProxiedProtocol.UDP4 : HAProxyProxiedProtocol.UDP6);
    return new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY, protocol,
        client.getAddress().getHostAddress(), listener.getAddress().getHostAddress(), client.getPort(), listener.getPort());
  }
}
