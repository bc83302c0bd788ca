package dev.stratus.core.store;

import dev.stratus.core.store.StoreFixtures.Thing;
import java.nio.file.Path;

/**
 * The child process of {@link SqlStoreKillTest}: writes rows 0, 1, 2, … to the store file given
 * as its argument, printing {@code ack <n>} after each write returns, until it is killed.
 */
public final class SqlStoreCrashChild {
  private SqlStoreCrashChild() {}

  public static void main(String[] args) {
    var store = SqlStore.openFile(Path.of(args[0]));
    for (int n = 0; ; n++) {
      int size = n;
      store.write(tx -> StoreFixtures.put(tx, "crash", Thing.of(String.format("%06d", size), size)));
      System.out.println("ack " + n);
      System.out.flush();
    }
  }
}
