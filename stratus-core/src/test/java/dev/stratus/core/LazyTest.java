package dev.stratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
  @Test
  void madeAtFirstGet_once_evenWhenThreadsRace() throws Exception {
    AtomicInteger made = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    Lazy<String> lazy = Lazy.of(() -> "value " + made.incrementAndGet());
    assertThat(lazy.isMade()).isFalse();
    assertThat(made).hasValue(0);
    Thread[] threads = new Thread[8];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        assertThat(lazy.get()).isEqualTo("value 1");
      });
    }
    go.countDown();
    for (Thread t : threads) t.join();
    assertThat(lazy.get()).isEqualTo("value 1");
    assertThat(lazy.isMade()).isTrue();
    assertThat(made).hasValue(1);
  }

  @Test
  void aFailedMake_isTriedAgain() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = Lazy.of(() -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("not yet");
      return "second";
    });
    assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class).hasMessage("not yet");
    assertThat(lazy.isMade()).isFalse();
    assertThat(lazy.get()).isEqualTo("second");
  }
}
