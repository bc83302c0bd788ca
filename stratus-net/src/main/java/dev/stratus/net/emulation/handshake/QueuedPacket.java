package dev.stratus.net.emulation.handshake;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A packet the kernel holds in the queue until it has a verdict: its id and its first bytes (an
 * IPv4 header and the start of the TCP header, as the rules queue only TCP over IPv4).
 */
record QueuedPacket(int id, byte[] payload) {

  /** The TCP connection's two ends, from the IPv4 and TCP headers; empty for anything else. */
  Optional<Ends> ends() {
    if (payload.length < 20 || (payload[0] >> 4 & 0xf) != 4 || payload[9] != 6) return Optional.empty();
    int ihl = (payload[0] & 0xf) * 4;
    if (ihl < 20 || payload.length < ihl + 4) return Optional.empty();
    try {
      InetAddress source = InetAddress.getByAddress(java.util.Arrays.copyOfRange(payload, 12, 16));
      InetAddress destination = InetAddress.getByAddress(java.util.Arrays.copyOfRange(payload, 16, 20));
      return Optional.of(new Ends(new InetSocketAddress(source, port(ihl)), new InetSocketAddress(destination, port(ihl + 2))));
    } catch (UnknownHostException e) {
      return Optional.empty(); // four bytes are always an address
    }
  }

  private int port(int at) {
    return (payload[at] & 0xff) << 8 | payload[at + 1] & 0xff;
  }

  /** Who opens the connection, and the listener it opens it to. */
  record Ends(InetSocketAddress client, InetSocketAddress listener) {}
}
