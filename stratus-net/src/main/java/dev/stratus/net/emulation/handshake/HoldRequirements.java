package dev.stratus.net.emulation.handshake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What holding TCP handshakes needs of this process and machine: Linux, CAP_NET_ADMIN (root),
 * iptables (iptables-legacy preferred) and Java 22+ for the netlink socket; the kernel's
 * nfnetlink_queue is checked when the queue is bound.
 */
final class HoldRequirements {
  private static final long CAP_NET_ADMIN = 1L << 12;

  private HoldRequirements() {}

  /** What is missing, in words; empty when everything is there. */
  static List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      missing.add("Linux (this is " + System.getProperty("os.name") + ")");
      return missing;
    }
    if (!netAdmin()) missing.add("CAP_NET_ADMIN (run as root)");
    if (SynRules.command().isEmpty()) missing.add("iptables (apt-get install iptables)");
    if (Runtime.version().feature() < 22) missing.add("Java 22 or newer (this is " + Runtime.version().feature() + ")");
    return missing;
  }

  /** Whether this process's effective capabilities include CAP_NET_ADMIN. */
  static boolean netAdmin() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & CAP_NET_ADMIN) != 0;
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }
}
