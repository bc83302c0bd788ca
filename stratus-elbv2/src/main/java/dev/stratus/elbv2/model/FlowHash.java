package dev.stratus.elbv2.model;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The flow hash a Network Load Balancer node picks a target with (elbv2.md §28): over the
 * protocol, source address and port, destination address and port, so every packet of a flow
 * (a TCP connection, a UDP 5-tuple) goes to the same target for the flow's life. With
 * {@code source_ip} stickiness only the source address counts.
 */
public final class FlowHash {
  /*
   * AWS also mixes in the TCP sequence number, so a reconnection from the same source port may
   * land elsewhere; a user-space proxy never sees the SYN's sequence number, so Stratus hashes the
   * 5-tuple alone and a reconnection from the same port lands on the same target. The hash is
   * FNV-1a over the tuple's bytes, finished with MurmurHash3's fmix64 so that neighbouring ports
   * spread evenly; it is stable across restarts.
   */
  private FlowHash() {}

  /** The hash of one flow; {@code protocol} is {@code TCP} or {@code UDP}. */
  public static long of(String protocol, InetSocketAddress source, InetSocketAddress destination) {
    long h = fnv(0xcbf29ce484222325L, protocol.getBytes(StandardCharsets.US_ASCII));
    h = fnv(h, source.getAddress().getAddress());
    h = fnv(h, port(source.getPort()));
    h = fnv(h, destination.getAddress().getAddress());
    h = fnv(h, port(destination.getPort()));
    return fmix64(h);
  }

  /** The hash of a source address alone ({@code source_ip} stickiness). */
  public static long ofSource(InetSocketAddress source) {
    return fmix64(fnv(0xcbf29ce484222325L, source.getAddress().getAddress()));
  }

  /** Which of {@code n} targets (sorted the same way every time) the flow goes to. */
  public static int index(long hash, int n) {
    if (n <= 0) throw new IllegalArgumentException("no targets: " + n);
    return (int) Long.remainderUnsigned(hash, n);
  }

  private static byte[] port(int p) { return new byte[] {(byte) (p >>> 8), (byte) p}; }

  private static long fnv(long h, byte[] bytes) {
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
