package dev.stratus.core.store;

import java.util.function.Function;

/**
 * The store of every service's resources.
 *
 * <p>Writes are serialised: {@link #write} runs one transaction at a time, commits it durably
 * (an acknowledged change survives {@code kill -9}) and only then publishes its change events
 * to the listeners and makes it visible to reads. If the work throws, nothing is written and
 * the exception propagates (an {@link dev.stratus.core.AwsException} reaches the caller as is).
 * Reads outside a transaction see the last committed state and never block on writers.
 */
public interface Store extends ReadView, AutoCloseable {

  <R> R write(Function<Transaction, R> work);

  void subscribe(ChangeListener listener);

  /**
   * Returns once committed state is in memory, throwing (a {@link StoreException}) if it could
   * not be read. A store may read its database in the background after opening; every read and
   * write waits for that anyway, and the server calls this before it takes API calls, so a
   * broken database still stops start-up.
   */
  default void awaitLoaded() {}

  /**
   * Keeps {@code index} from now on, so {@link #listBy} with it costs what it returns. It is
   * built over the rows there are at the next write (a read before then filters the scope), and
   * kept on every commit after. Registering the same index name again does nothing.
   */
  default void index(Index<?> index) {}

  @Override
  void close();
}
