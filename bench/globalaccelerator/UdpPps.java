import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * UDP request/response load for bench/globalaccelerator (Java 17+, run as a single source file):
 * <pre>
 *   java UdpPps.java echo HOST PORT                    an echo server (one thread)
 *   java UdpPps.java load HOST PORT SECONDS SOCKETS    SOCKETS clients, each one datagram in flight
 * </pre>
 * {@code load} prints "pps N p50 X p99 Y lost Z": answered datagrams per second, round-trip
 * percentiles in ms, datagrams with no answer within 200 ms.
 */
public final class UdpPps {
  public static void main(String[] args) throws Exception {
    InetSocketAddress at = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
    if (args[0].equals("echo")) {
      try (DatagramSocket s = new DatagramSocket(at)) {
        s.setReceiveBufferSize(4 << 20);
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (true) {
          p.setLength(buf.length);
          s.receive(p);
          s.send(p);
        }
      }
    }
    int seconds = Integer.parseInt(args[3]);
    int sockets = Integer.parseInt(args[4]);
    AtomicBoolean stop = new AtomicBoolean();
    long[] answered = new long[sockets];
    long[] lost = new long[sockets];
    List<long[]> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      int n = i;
      long[] rtts = new long[1 << 20];
      samples.add(rtts);
      Thread t = new Thread(() -> {
        try (DatagramSocket s = new DatagramSocket()) {
          s.connect(at);
          s.setSoTimeout(200);
          byte[] out = new byte[64];
          byte[] in = new byte[2048];
          DatagramPacket reply = new DatagramPacket(in, in.length);
          while (!stop.get()) {
            long start = System.nanoTime();
            s.send(new DatagramPacket(out, out.length));
            try {
              reply.setLength(in.length);
              s.receive(reply);
              if (answered[n] < rtts.length) rtts[(int) answered[n]] = System.nanoTime() - start;
              answered[n]++;
            } catch (SocketTimeoutException e) {
              lost[n]++;
            }
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      threads.add(t);
    }
    long begin = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - begin) / 1e9;
    long total = Arrays.stream(answered).sum();
    long[] all = new long[(int) Math.min(Integer.MAX_VALUE, total)];
    int k = 0;
    for (int i = 0; i < sockets; i++) {
      int count = (int) Math.min(answered[i], samples.get(i).length);
      System.arraycopy(samples.get(i), 0, all, k, count);
      k += count;
    }
    all = Arrays.copyOf(all, k);
    Arrays.sort(all);
    double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
    double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
    System.out.printf(java.util.Locale.ROOT, "pps %.0f p50 %.3fms p99 %.3fms lost %d%n", total / elapsed, p50, p99,
        Arrays.stream(lost).sum());
  }
}
