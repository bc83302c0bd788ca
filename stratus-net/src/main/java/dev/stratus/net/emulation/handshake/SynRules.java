package dev.stratus.net.emulation.handshake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The iptables rules that send a listener's TCP SYNs (SYN without ACK) to the packet queue, in
 * the mangle table's OUTPUT chain (loopback traffic leaves through it). Each rule carries
 * {@code --queue-bypass}, so the SYNs pass unheld when no Stratus reads the queue (one that died),
 * and a comment naming this process, so the next Stratus removes a dead one's rules.
 * iptables-legacy is preferred: this kernel's nftables has no working {@code queue}.
 */
final class SynRules {
  private static final Logger LOG = Logger.getLogger(SynRules.class.getName());
  static final String TAG = "stratus-handshake:pid=";

  private final String iptables;
  private final int queue;
  private final String comment = TAG + ProcessHandle.current().pid();

  SynRules(String iptables, int queue) {
    this.iptables = iptables;
    this.queue = queue;
  }

  /** iptables-legacy, else iptables, when installed. */
  static Optional<String> command() {
    for (String name : List.of("iptables-legacy", "iptables")) {
      List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
      dirs.addAll(List.of("/usr/sbin", "/sbin"));
      for (String dir : dirs) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return Optional.of(Path.of(dir, name).toString());
      }
    }
    return Optional.empty();
  }

  /** Queues the SYNs sent to {@code listener}. */
  void add(InetSocketAddress listener) throws IOException {
    run(rule("-A", listener));
  }

  /** Stops queueing them (one rule: the listener's address may be held twice while it rebinds). */
  void remove(InetSocketAddress listener) throws IOException {
    run(rule("-D", listener));
  }

  private List<String> rule(String action, InetSocketAddress listener) {
    List<String> args = new ArrayList<>(List.of(iptables, "-w", "-t", "mangle", action, "OUTPUT"));
    if (!listener.getAddress().isAnyLocalAddress()) args.addAll(List.of("-d", listener.getAddress().getHostAddress() + "/32"));
    args.addAll(List.of("-p", "tcp", "--dport", Integer.toString(listener.getPort()), "--tcp-flags", "SYN,ACK", "SYN",
        "-m", "comment", "--comment", comment, "-j", "NFQUEUE", "--queue-num", Integer.toString(queue), "--queue-bypass"));
    return args;
  }

  /** Removes every rule of this process, and those of Stratus processes no longer running. */
  void removeOwnAndLeftovers() {
    try {
      for (String line : run(List.of(iptables, "-w", "-t", "mangle", "-S", "OUTPUT")).split("\n")) {
        int at = line.indexOf(TAG);
        if (!line.startsWith("-A ") || at < 0) continue;
        String pid = line.substring(at + TAG.length()).split("[\"\\s]", 2)[0];
        boolean mine = pid.equals(Long.toString(ProcessHandle.current().pid()));
        boolean dead = ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
        if (!mine && !dead) continue;
        List<String> delete = new ArrayList<>(List.of(iptables, "-w", "-t", "mangle", "-D"));
        for (String token : line.substring(3).trim().split("\\s+")) delete.add(token.replace("\"", ""));
        run(delete);
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warning(() -> "could not remove the TCP handshake rules: " + e.getMessage());
    }
  }

  private static String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": no answer within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out.trim());
    return out;
  }
}
