package dev.stratus.protocol.it;

import java.util.concurrent.atomic.AtomicReference;

/** Holds the last request a test handler received. */
final class Captor {
  private final AtomicReference<Object> last = new AtomicReference<>();

  <T> T capture(T request) {
    last.set(request);
    return request;
  }

  Object last() { return last.get(); }
}
