package dev.stratus.lambda;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.lambda.runtime.CodeStore;
import dev.stratus.lambda.runtime.FunctionRuntime;
import dev.stratus.lambda.runtime.Interpreters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda inside Stratus: the function API, and functions run on this machine's interpreters.
 * Provides {@link FunctionInvoker} to API Gateway and ELB. Packages live under
 * {@code <data dir>/lambda} (a temporary directory when ephemeral); every function process is
 * killed on shutdown.
 */
public final class LambdaModule implements ServiceModule {
  @Override
  public String name() { return "lambda"; }

  @Override
  public Set<Class<?>> provides() { return Set.of(FunctionInvoker.class); }

  @Override
  public Started start(StratusContext context) throws Exception {
    var settings = context.settings();
    Path dir = settings.dataDir().isPresent()
        ? Files.createDirectories(settings.dataDir().get().resolve("lambda"))
        : Files.createTempDirectory("stratus-lambda");
    var code = new CodeStore(dir, settings.ephemeral());
    // Functions calling AWS reach this Stratus (SDKs read AWS_ENDPOINT_URL).
    Map<String, String> shared = settings.apiPort() > 0
        ? Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + settings.apiPort()) : Map.of();
    var runtime = new FunctionRuntime(new Interpreters(), dir, shared);
    var invocations = new Invocations(code, runtime);
    var store = context.store();
    context.extensions().provide(FunctionInvoker.class, new LambdaInvoker(store, invocations));
    var handlers = List.<Object>of(new FunctionOperations(store, code, runtime::retire,
        () -> context.extensions().find(dev.stratus.core.s3.ObjectReader.class)),
        new InvokeOperations(store, invocations), new PermissionOperations(store), new VersionOperations(store));
    return new Started(handlers, List.of(runtime, code), List.of());
  }
}
