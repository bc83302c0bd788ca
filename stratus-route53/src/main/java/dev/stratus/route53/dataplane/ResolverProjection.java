package dev.stratus.route53.dataplane;

import dev.stratus.core.store.Projection;
import dev.stratus.core.store.Store;
import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.core.vpc.VpcLookup;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the {@link VpcResolver}'s views in step with EC2's committed state: a core
 * {@link Projection} of {@link VpcLookup#resolverFacts()}, read after every change that may touch
 * them, off the event loop, and handed to the consumer.
 */
final class ResolverProjection implements AutoCloseable {

  /*
   * EC2 is found per rebuild (it provides VpcLookup when it starts, possibly after Route 53), and
   * the first read is retried until it is there. EC2 says which changes matter (none, until
   * something carries a stratus:host or stratus:resolver tag). Rebuilds are paced: one at most
   * per 50 ms and ten times as long as the last read took, so reads take at most a tenth of a
   * core while thousands of VPCs are built through the API (commits meanwhile are folded).
   */

  private static final Projection.Pacing PACING = new Projection.Pacing(Duration.ofMillis(50), 10);
  private static final int FIRST_READ_ATTEMPTS = 100;

  private volatile Projection<ResolverFacts> projection; // set once start() returned; the first rebuild may run before
  private volatile int attemptsLeft = FIRST_READ_ATTEMPTS;

  private ResolverProjection(Store store, Supplier<Optional<VpcLookup>> lookup, Consumer<ResolverFacts> consumer) {
    this.projection = Projection.start("route53-resolver", store,
        e -> lookup.get().map(l -> l.affectsResolver(e)).orElse(false), PACING, (previous, events, committed) -> {
          Optional<VpcLookup> l = lookup.get();
          if (l.isEmpty()) {
            retryFirstRead();
            return previous;
          }
          ResolverFacts facts = l.get().resolverFacts();
          consumer.accept(facts); // a failure keeps the previous views (Projection logs it)
          return facts;
        });
  }

  /** Reads the facts now (retrying until EC2 is there) and after every relevant change to {@code store}. */
  static ResolverProjection start(Store store, Supplier<Optional<VpcLookup>> lookup, Consumer<ResolverFacts> consumer) {
    return new ResolverProjection(Objects.requireNonNull(store, "store"), Objects.requireNonNull(lookup, "lookup"),
        Objects.requireNonNull(consumer, "consumer"));
  }

  /** EC2 not there yet: look again in 100 ms, up to FIRST_READ_ATTEMPTS times. */
  private void retryFirstRead() {
    if (attemptsLeft-- > 0) {
      CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> {
        Projection<ResolverFacts> p = projection;
        if (p == null) {
          retryFirstRead();
        } else {
          p.refresh();
        }
      });
    }
  }

  @Override
  public void close() {
    projection.close();
  }
}
