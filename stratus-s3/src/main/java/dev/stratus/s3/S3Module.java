package dev.stratus.s3;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.core.store.Store;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.s3.model.S3Object;
import dev.stratus.s3.model.UploadPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * S3 inside Stratus. It has no SDK-typed handlers: its HTTP handler claims S3's requests on the
 * API port through the {@link VirtualHosts} routers, and it provides {@link BucketOrigin} to
 * CloudFront. Bodies live under {@code <data-dir>/s3/}; with {@code --ephemeral}, in a temporary
 * directory removed when Stratus stops.
 */
public final class S3Module implements ServiceModule {
  @Override
  public String name() { return "s3"; }

  @Override
  public Set<Class<?>> provides() { return Set.of(BucketOrigin.class, dev.stratus.core.s3.ObjectReader.class); }

  @Override
  public Set<Class<?>> needs() { return Set.of(DnsTargetRegistry.class); }

  @Override
  public Started start(StratusContext context) throws IOException {
    Store store = context.store();
    boolean ephemeral = context.settings().dataDir().isEmpty();
    Path root = ephemeral ? Files.createTempDirectory("stratus-s3-") : context.settings().dataDir().get().resolve("s3");
    ObjectFiles files = new ObjectFiles(root, ephemeral);
    if (!ephemeral) files.sweep(referencedBlobs(store));
    S3Api api = new S3Api(store, files);
    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    S3HttpService http = new S3HttpService(api, name -> api.buckets().find(name).isPresent(), calls, context.clock());
    List<AutoCloseable> resources = new ArrayList<>();
    resources.add(files);
    resources.add(calls::shutdownNow);
    context.extensions().find(VirtualHosts.class).ifPresent(hosts -> {
      Runnable remove = hosts.addRouter(http);
      resources.add(remove::run);
    });
    new BucketNamesInDns(DnsTargetRegistry.in(context.extensions()), context.settings().bindAddress()).follow(store);
    context.extensions().provide(BucketOrigin.class, new S3BucketOrigin(store, api, calls, context.clock()));
    context.extensions().provide(dev.stratus.core.s3.ObjectReader.class, new S3ObjectReader(api, context.clock()));
    return new Started(List.of(), resources, List.of());
  }

  /** Every blob a row names: objects and the parts of uploads in progress. */
  private static Set<String> referencedBlobs(Store store) {
    Set<String> names = new HashSet<>();
    store.listAll(S3Object.TABLE).forEach(o -> names.add(o.blob()));
    store.listAll(UploadPart.TABLE).forEach(p -> names.add(p.blob()));
    return names;
  }
}
