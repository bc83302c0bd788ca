package dev.stratus.net.emulation.handshake;

import java.io.IOException;

/**
 * One netlink socket bound to one of the kernel's packet queues (NFQUEUE): packets an iptables
 * rule sends there wait in the kernel until a verdict lets them go. Opened through the Foreign
 * Function & Memory API (Java 22+, {@code src/main/java22}); no native library of its own.
 */
interface NetfilterQueue extends AutoCloseable {

  /** The queue's number (iptables' {@code --queue-num}). */
  int number();

  /** The next packets the kernel queued; none after a short wait without any (so a reader can stop). */
  java.util.List<QueuedPacket> receive() throws IOException;

  /** Lets the packet go on (verdicts may come in any order). */
  void accept(int packetId) throws IOException;

  @Override
  void close();

  /**
   * Binds the first free queue from {@code first} on (another process may hold one: the kernel
   * allows one reader per queue), trying {@code count} numbers.
   *
   * @throws IOException when no queue could be bound, or this Java has no FFM API (Java 21)
   */
  static NetfilterQueue open(int first, int count) throws IOException {
    if (Runtime.version().feature() < 22) throw new IOException("Java " + Runtime.version().feature() + " (needs 22 or newer)");
    try {
      var opener = Class.forName("dev.stratus.net.emulation.handshake.FfmNetfilterQueue")
          .getDeclaredMethod("open", int.class, int.class);
      opener.setAccessible(true);
      return (NetfilterQueue) opener.invoke(null, first, count);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IOException("the FFM netlink socket is not in this build (built with JDK 21?): " + e);
    }
  }
}
