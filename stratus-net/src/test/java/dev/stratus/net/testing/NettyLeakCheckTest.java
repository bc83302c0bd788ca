package dev.stratus.net.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** The leak check is on and catches a dropped buffer (this test then clears what it caused). */
class NettyLeakCheckTest {

  @Test
  void paranoidLevel_droppedBuffer_isReported() throws Exception {
    assertThat(ResourceLeakDetector.getLevel()).as("surefire's io.netty.leakDetection.level")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    leak();
    assertThat(NettyLeakCheck.drain()).anyMatch(l -> l.contains("ByteBuf leaked"));
  }

  private static void leak() {
    ByteBuf dropped = Unpooled.directBuffer(16);
    dropped.writeInt(42);
  }
}
