package dev.stratus.net.emulation.handshake;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * {@link NetfilterQueue} over a netlink socket (AF_NETLINK, NETLINK_NETFILTER) made and used
 * through libc's socket calls with the Foreign Function & Memory API. One thread receives; verdicts
 * are sent from any thread.
 */
final class FfmNetfilterQueue implements NetfilterQueue {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;
  private static final int SOL_NETLINK = 270;
  private static final int NETLINK_NO_ENOBUFS = 5;
  private static final int EAGAIN = 11;
  private static final int EINTR = 4;
  private static final int ENOBUFS = 105;
  /** Enough of a packet for its IPv4 header (with options) and the TCP ports. */
  private static final int COPY_RANGE = 64;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle SOCKET = libc("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle BIND = libc("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SETSOCKOPT = libc("setsockopt",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SEND = libc("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle RECV = libc("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));

  private final int fd;
  private final int number;
  private final Arena arena = Arena.ofAuto(); // freed once the queue is unreachable
  private final MemorySegment receiveBuffer = arena.allocate(65536);
  private final MemorySegment receiveState = arena.allocate(CALL_STATE);
  private final byte[] received = new byte[65536];
  private final MemorySegment sendBuffer = arena.allocate(256);
  private final MemorySegment sendState = arena.allocate(CALL_STATE);
  private int seq = 1; // guarded by this
  private volatile boolean closed;

  private FfmNetfilterQueue(int fd, int number) {
    this.fd = fd;
    this.number = number;
  }

  /** A system call of libc's that sets errno. */
  private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor,
        Linker.Option.captureCallState("errno"));
  }

  static FfmNetfilterQueue open(int first, int count) throws IOException {
    int fd;
    try (Arena call = Arena.ofConfined()) {
      MemorySegment state = call.allocate(CALL_STATE);
      fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NfqMessages.NETLINK_NETFILTER);
      if (fd < 0) throw new IOException("socket(AF_NETLINK, NETLINK_NETFILTER): errno " + errno(state));
      MemorySegment address = call.allocate(12); // sockaddr_nl: family, pad, pid 0 (the kernel picks), groups 0
      address.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
      if ((int) BIND.invokeExact(state, fd, address, 12) < 0) {
        int errno = errno(state);
        closeFd(fd);
        throw new IOException("bind(AF_NETLINK): errno " + errno);
      }
      MemorySegment timeout = call.allocate(16); // struct timeval: 0.2 s, so the reader sees close()
      timeout.set(JAVA_LONG, 8, 200_000L);
      int unused = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16);
      MemorySegment one = call.allocate(JAVA_INT);
      one.set(JAVA_INT, 0, 1);
      unused = (int) SETSOCKOPT.invokeExact(state, fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, one, 4);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
    String last = "no queue tried";
    for (int q = first; q < first + count; q++) {
      FfmNetfilterQueue queue = new FfmNetfilterQueue(fd, q);
      int error = queue.bindQueue();
      if (error == 0) return queue;
      last = "binding queue " + q + ": errno " + error;
    }
    closeFd(fd);
    throw new IOException(last);
  }

  /** Sends the bind and waits for its acknowledgement: 0, or the errno the kernel answered. */
  private int bindQueue() throws IOException {
    int seqUsed;
    synchronized (this) {
      seqUsed = seq++;
    }
    send(NfqMessages.bind(number, COPY_RANGE, seqUsed));
    for (int tries = 0; tries < 10; tries++) {
      int n = recv();
      if (n <= 0) continue;
      var got = NfqMessages.read(received, n);
      if (!got.errors().isEmpty()) return got.errors().getFirst();
    }
    return EAGAIN;
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public List<QueuedPacket> receive() throws IOException {
    int n = recv();
    return n <= 0 ? List.of() : NfqMessages.read(received, n).packets();
  }

  @Override
  public void accept(int packetId) throws IOException {
    int s;
    synchronized (this) {
      s = seq++;
    }
    send(NfqMessages.accept(number, packetId, s));
  }

  private synchronized void send(byte[] message) throws IOException {
    if (closed) throw new IOException("closed");
    MemorySegment.copy(message, 0, sendBuffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, message.length);
    long sent;
    try {
      sent = (long) SEND.invokeExact(sendState, fd, sendBuffer, (long) message.length, 0);
    } catch (Throwable t) {
      throw new IOException(t);
    }
    if (sent < 0) throw new IOException("send to the packet queue: errno " + errno(sendState));
  }

  /** Bytes read into {@link #received}; 0 after the timeout, an interrupted call or dropped messages. */
  private int recv() throws IOException {
    if (closed) throw new IOException("closed");
    long n;
    try {
      n = (long) RECV.invokeExact(receiveState, fd, receiveBuffer, receiveBuffer.byteSize(), 0);
    } catch (Throwable t) {
      throw new IOException(t);
    }
    if (n < 0) {
      int errno = errno(receiveState);
      if (errno == EAGAIN || errno == EINTR || errno == ENOBUFS) return 0;
      throw new IOException("recv from the packet queue: errno " + errno);
    }
    MemorySegment.copy(receiveBuffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, received, 0, (int) n);
    return (int) n;
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  private static void closeFd(int fd) {
    try {
      int unused = (int) CLOSE.invokeExact(fd);
    } catch (Throwable ignored) {
      // closing is best effort
    }
  }

  /**
   * Closes the socket (the kernel unbinds the queue and lets what it still holds go on, as
   * {@code --queue-bypass} does once no one listens). Call after the reader has stopped.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    closeFd(fd);
  }
}
