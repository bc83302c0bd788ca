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
   * Returns once all committed state is in memory, throwing (a {@link StoreException}) if it could
   * not be read. A store may read each table of its database at the table's first use (a read or
   * write of it waits for that table only), so start-up does not wait for the whole database.
   */
  default void awaitLoaded() {}

  /**
   * Starts reading, on a thread of its own, every table not read yet, so that their first uses
   * do not pay for it (the server calls this once it answers API calls). Failures are logged;
   * the reads of a table that could not be read fail too.
   */
  default void loadInBackground() {}

  /**
   * Runs {@code work} once start-up is over (the server answers API calls), or at once when nothing
   * holds it (a store used on its own, tests): work that need not delay the first API answer, such
   * as a data plane's first full read of its tables ({@link Projection}), registers here.
   */
  default void afterStartUp(Runnable work) { work.run(); }

  /** Holds {@link #afterStartUp} work until {@link #startUpDone} (the server, before modules start). */
  default void holdUntilStartedUp() {}

  /** Runs the work {@link #holdUntilStartedUp} held, in the order it came (the server, once it answers API calls). */
  default void startUpDone() {}

  /**
   * Keeps {@code index} from now on, so {@link #listBy} with it costs what it returns. It is
   * built over the rows there are at the next write (a read before then filters the scope), and
   * kept on every commit after. Registering the same index name again does nothing.
   */
  default void index(Index<?> index) {}

  @Override
  void close();
}
