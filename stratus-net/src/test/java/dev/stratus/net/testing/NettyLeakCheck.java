package dev.stratus.net.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a data-plane test class that leaked a Netty buffer. Surefire runs stratus-net's tests
 * with {@code io.netty.leakDetection.level=paranoid} (every buffer tracked); this extension,
 * registered for every test class by JUnit's extension auto-detection, collects what Netty's
 * detector reports instead of only logging it, and after each class collects garbage and fails
 * the class if a buffer was dropped unreleased.
 */
public final class NettyLeakCheck implements AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    // Before any buffer class is initialised: ByteBuf's detector is made from this factory.
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
      @Override
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
        return new Recording<>(resource, samplingInterval);
      }
    });
  }

  /** Netty's detector, reporting into {@link #LEAKS} as well as the log. */
  private static final class Recording<T> extends ResourceLeakDetector<T> {
    Recording(Class<T> resource, int samplingInterval) { super(resource, samplingInterval); }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      LEAKS.add(resourceType + " leaked:" + records);
      super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      LEAKS.add(resourceType + " leaked (untraced)");
      super.reportUntracedLeak(resourceType);
    }
  }

  /** The leaks found so far, cleared. */
  static List<String> drain() throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(20); // lets the reference handler enqueue what the collection found
      for (int i = 0; i < 8; i++) { // a tracked allocation polls the detector's queue
        ByteBuf probe = Unpooled.directBuffer(1); // heap buffers are not tracked
        probe.release();
      }
    }
    var found = new ArrayList<>(LEAKS);
    LEAKS.clear();
    return found;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) return;
    var leaks = drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty buffer(s) leaked in " + context.getDisplayName() + ":\n"
          + String.join("\n", leaks));
    }
  }
}
