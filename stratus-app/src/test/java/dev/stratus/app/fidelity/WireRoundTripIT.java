package dev.stratus.app.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.ServiceModule;
import dev.stratus.protocol.AwsApiServer;
import dev.stratus.protocol.Operation;
import dev.stratus.protocol.OperationRegistry;
import dev.stratus.protocol.ServiceDescriptor;
import dev.stratus.protocol.ServiceModel;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.JarURLConnection;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Every operation through the wire, generated from the SDK model: for every operation a handler
 * of some module serves (the modules ServiceLoader finds, as StratusServer starts them), a fully
 * populated random request built through the SDK's builders (SdkField reflection, values inside
 * AWS's input limits) goes through the real SDK client to a server whose handler for it only
 * captures the request and answers a fully populated random response; the handler must receive
 * an equal request and the client an equal response. Operations no handler serves must answer
 * AWS's 501 NotImplemented. Known codec gaps are listed in {@code wire-roundtrip-known.txt}
 * beside this class; the test fails on a new gap and on a listed one that is now fixed.
 */
class WireRoundTripIT {
  static final long SEED = Long.getLong("stratus.roundtrip.seed", 20261207L);
  static final int MAX_DEPTH = 12;
  static final boolean TRICKY = Boolean.parseBoolean(System.getProperty("stratus.roundtrip.tricky", "true"));
  static final Properties LIMITS = load("/dev/stratus/protocol/codec/input-limits.properties");
  static {  // the limits AWS documents beside its models (EC2 security-group texts)
    LIMITS.putAll(load("/dev/stratus/protocol/codec/input-limits-docs.properties"));
  }

  final Random random = new Random(SEED);
  /** Members set and members left out (recursive structures, documents, past MAX_DEPTH). */
  int membersSet, membersLeftOut;

  @Test
  void everyOperation_roundTripsThroughTheWire() throws Exception {
    List<Object> handlers;
    ServiceModule[] modules = ServiceLoader.load(ServiceModule.class).stream().map(ServiceLoader.Provider::get)
        .toArray(ServiceModule[]::new);
    try (ApiTestServer real = ApiTestServer.start(Clock.systemUTC(), modules)) {
      handlers = real.handlers();
    }
    OperationRegistry routed = OperationRegistry.of(handlers);
    List<Class<?>> servedTypes = new ArrayList<>();
    List<Class<?>> allTypes = new ArrayList<>();
    for (ServiceDescriptor d : ServiceDescriptor.ALL) {
      for (Operation op : routed.service(d).operations()) {
        allTypes.add(op.requestType());
        if (routed.handler(op).isPresent()) servedTypes.add(op.requestType());
      }
    }
    AtomicReference<SdkPojo> received = new AtomicReference<>();
    AtomicReference<SdkPojo> answer = new AtomicReference<>();
    OperationRegistry.AnyOperation capture = (ctx, request) -> {
      received.set(request);
      return answer.get();
    };
    // Every SDK operation of the routed services is captured (so codec gaps show before a
    // handler lands); a second server with only the routed ones must answer the rest 501.
    AwsApiServer everything = AwsApiServer.start("127.0.0.1", 0, OperationRegistry.serving(allTypes, capture), Clock.systemUTC());
    AwsApiServer served = AwsApiServer.start("127.0.0.1", 0, OperationRegistry.serving(servedTypes, capture), Clock.systemUTC());
    Map<String, String> failures = new TreeMap<>();
    // service → {routed, routed passed, all, all passed, unserved, unserved 501}
    Map<String, int[]> counts = new LinkedHashMap<>();
    try {
      for (ServiceDescriptor d : ServiceDescriptor.ALL) {
        int[] c = counts.computeIfAbsent(d.id(), k -> new int[6]);
        try (SdkClient toAll = client(d, everything.port()); SdkClient toServed = client(d, served.port())) {
          for (Operation op : new ServiceModel(d).operations()) {
            Method call = callOf(toAll, op.requestType());
            if (call == null) continue;  // streaming or event-stream operations
            boolean isServed = servedTypes.contains(op.requestType());
            String key = d.id() + "." + op.name();
            SdkPojo request = (SdkPojo) populate(d.id(), builderOf(op.requestType()), 0);
            SdkPojo response = (SdkPojo) populate(d.id(), builderOf(call.getReturnType()), 0);
            c[2]++;
            if (isServed) c[0]++;
            String problem = roundTrip(toAll, call, request, response, received, answer);
            if (problem == null) {
              c[3]++;
              if (isServed) c[1]++;
            } else {
              failures.put(key, (isServed ? "" : "(not routed) ") + problem);
            }
            if (!isServed) {
              c[4]++;
              try {
                call.invoke(toServed, request);
                failures.put(key + ".NotImplemented", "answered without a handler");
              } catch (InvocationTargetException e) {
                if (e.getCause() instanceof AwsServiceException a && a.statusCode() == 501
                    && "NotImplemented".equals(a.awsErrorDetails().errorCode())) {
                  c[5]++;
                } else if (problem == null) {
                  failures.put(key + ".NotImplemented", e.getCause().getClass().getSimpleName() + ": " + firstLine(e.getCause().getMessage()));
                }
              }
            }
          }
        }
      }
    } finally {
      everything.close();
      served.close();
    }
    StringBuilder report = new StringBuilder(
        "service: routed ops round-tripped/routed, all SDK ops round-tripped/all, unrouted answered 501/unrouted\n");
    counts.forEach((s, c) -> report.append(String.format("  %-24s %4d/%-4d %4d/%-4d %4d/%d%n", s, c[1], c[0], c[3], c[2], c[5], c[4])));
    report.append(String.format("members set %d, left out %d (recursive structures, documents)%n", membersSet, membersLeftOut));
    System.out.println(report);
    failures.forEach((k, v) -> System.out.println("  FAIL " + k + " " + v));
    Map<String, String> known = known();
    List<String> newFailures = failures.keySet().stream().filter(k -> !known.containsKey(k)).toList();
    List<String> fixed = known.keySet().stream().filter(k -> !failures.containsKey(k)).toList();
    assertThat(newFailures).as("operations that do not round-trip (not in wire-roundtrip-known.txt)\n" + report).isEmpty();
    assertThat(fixed).as("listed in wire-roundtrip-known.txt but now round-trip: remove them").isEmpty();
    assertThat(counts.values().stream().mapToInt(c -> c[1]).sum()).as("round trips that passed").isPositive();
    assertThat(membersLeftOut).as("members left out of the random objects").isLessThan(membersSet / 20);
  }

  /** Sends {@code request}; null when the handler got it and the client the response intact, else what went wrong. */
  static String roundTrip(SdkClient client, Method call, SdkPojo request, SdkPojo response,
      AtomicReference<SdkPojo> received, AtomicReference<SdkPojo> answer) throws IllegalAccessException {
    received.set(null);
    answer.set(response);
    Object got;
    try {
      got = call.invoke(client, request);
    } catch (InvocationTargetException e) {
      return e.getCause().getClass().getSimpleName() + ": " + firstLine(e.getCause().getMessage());
    }
    List<String> diff = new ArrayList<>();
    diff.addAll(differences("request.", request, received.get(), false));
    diff.addAll(differences("response.", response, (SdkPojo) got, true));
    return diff.isEmpty() ? null : "differs: " + String.join(", ", diff);
  }

  /** The members of {@code a} and {@code b} that differ (response STATUS_CODE members are the wire's). */
  static List<String> differences(String prefix, SdkPojo sent, SdkPojo got, boolean response) {
    if (got == null) return List.of(prefix + "<none>");
    List<String> out = new ArrayList<>();
    for (SdkField<?> f : sent.sdkFields()) {
      if (response && f.location() == MarshallLocation.STATUS_CODE) continue;
      if (!Objects.equals(f.getValueOrDefault(sent), f.getValueOrDefault(got))) out.add(prefix + f.memberName());
    }
    return out;
  }

  // --- random, fully populated SDK objects inside AWS's input limits ------------------------

  static SdkPojo builderOf(Class<?> modelClass) throws ReflectiveOperationException {
    return (SdkPojo) modelClass.getMethod("builder").invoke(null);
  }

  /** The model classes on the path from the request to the structure being populated. */
  final java.util.Deque<Class<?>> path = new java.util.ArrayDeque<>();
  static final Map<Class<?>, java.util.Set<Class<?>>> REACHES = new java.util.HashMap<>();

  /**
   * Sets every member of {@code builder} and builds it, except members that lead back to a
   * structure on the path (WAF's nested statements): those are left out so the object stays finite.
   */
  Object populate(String service, SdkPojo builder, int depth) throws ReflectiveOperationException {
    Class<?> model = modelClass(builder);
    String cls = service + "." + model.getSimpleName().toLowerCase(Locale.ROOT);
    path.push(model);
    try {
      for (SdkField<?> f : builder.sdkFields()) {
        if (reachesPath(f)) {
          membersLeftOut++;
          continue;
        }
        Type declared = declaredType(model, f.memberName());
        // a member bound to the HTTP status (Lambda Invoke's StatusCode) must be one
        Object v = f.location() == MarshallLocation.STATUS_CODE ? Integer.valueOf(200)
            : value(service, cls + "." + f.memberName(), f, declared, depth);
        if (v != null) {
          f.set(builder, v);
          membersSet++;
        } else {
          membersLeftOut++;
        }
      }
    } finally {
      path.pop();
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }

  static Class<?> modelClass(SdkPojo builder) {
    return builder.getClass().getDeclaringClass() != null ? builder.getClass().getDeclaringClass() : builder.getClass();
  }

  private boolean reachesPath(SdkField<?> f) {
    for (Class<?> c : structuresOf(f)) {
      for (Class<?> r : reachable(c)) if (path.contains(r)) return true;
    }
    return false;
  }

  /** The structure classes a member holds directly (through lists and maps). */
  static List<Class<?>> structuresOf(SdkField<?> f) {
    return switch (f.marshallingType().getTargetClass().getSimpleName()) {
      case "SdkPojo" -> List.of(modelClass((SdkPojo) f.constructor().get()));
      case "List" -> structuresOf(f.getTrait(ListTrait.class).memberFieldInfo());
      case "Map" -> structuresOf(f.getTrait(MapTrait.class).valueFieldInfo());
      default -> List.of();
    };
  }

  /** Every structure class reachable from {@code c}, itself included. */
  static java.util.Set<Class<?>> reachable(Class<?> c) {
    java.util.Set<Class<?>> done = REACHES.get(c);
    if (done != null) return done;
    java.util.Set<Class<?>> seen = new java.util.HashSet<>();
    java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(c));
    while (!todo.isEmpty()) {
      Class<?> next = todo.pop();
      if (!seen.add(next)) continue;
      try {
        for (SdkField<?> f : builderOf(next).sdkFields()) todo.addAll(structuresOf(f));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    REACHES.put(c, seen);
    return seen;
  }

  private Object value(String service, String key, SdkField<?> f, Type declared, int depth) throws ReflectiveOperationException {
    Class<?> raw = declared instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) declared;
    switch (f.marshallingType().getTargetClass().getSimpleName()) {
      case "String":
        if (raw != null && raw.isEnum()) return enumValue(raw);
        return string(service, LIMITS.getProperty(key + ".len"), LIMITS.getProperty(key + ".pattern"));
      case "Integer": return (int) number(LIMITS.getProperty(key + ".range"));
      case "Long": return number(LIMITS.getProperty(key + ".range"));
      case "Short": return (short) 3;
      case "Byte": return (byte) 3;
      case "Float": return (float) decimal(LIMITS.getProperty(key + ".range"));
      case "Double": return decimal(LIMITS.getProperty(key + ".range"));
      case "BigDecimal": return new BigDecimal("12.5");
      case "Boolean": return random.nextBoolean();
      case "Instant": return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(50_000_000));
      case "SdkBytes": return SdkBytes.fromUtf8String("bytes-" + random.nextInt(1000));
      case "Document": return null;
      case "SdkPojo":
        if (depth >= MAX_DEPTH) return null;
        return populate(service, (SdkPojo) f.constructor().get(), depth + 1);
      case "List": {
        if (depth >= MAX_DEPTH) return null;
        SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
        Type item = declared instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        int n = (int) Math.max(2, lower(LIMITS.getProperty(key + ".size")));
        n = (int) Math.min(n, upper(LIMITS.getProperty(key + ".size"), n));
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n * 4 && out.size() < n; i++) {
          Object v = member.marshallingType().getTargetClass() == String.class && !(item instanceof Class<?> c && c.isEnum())
              ? string(service, LIMITS.getProperty(key + ".item.len"), LIMITS.getProperty(key + ".item.pattern"))
              : value(service, key + ".item", member, item, depth + 1);
          if (v != null && !out.contains(v)) out.add(v);
        }
        return out;
      }
      case "Map": {
        if (depth >= MAX_DEPTH) return null;
        SdkField<?> valueField = f.getTrait(MapTrait.class).valueFieldInfo();
        Type[] args = declared instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[] {String.class, Object.class};
        Object k = args[0] instanceof Class<?> c && c.isEnum() ? enumValue(c).toString() : "key" + random.nextInt(100);
        Object v = value(service, key + ".value", valueField, args[1], depth + 1);
        return v == null ? null : Map.of(k, v);
      }
      default:
        return null;
    }
  }

  /** The declared (generic) type of a member's getter on the model class, matched by name. */
  static Type declaredType(Class<?> model, String member) {
    String want = member.replace("_", "").toLowerCase(Locale.ROOT);
    Type found = null;
    for (Method m : model.getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().replace("_", "").toLowerCase(Locale.ROOT).equals(want)) continue;
      found = m.getGenericReturnType();
    }
    return found == null ? Object.class : found;
  }

  private Object enumValue(Class<?> type) {
    List<Object> values = new ArrayList<>();
    for (Object c : type.getEnumConstants()) if (!c.toString().equals("UNKNOWN_TO_SDK_VERSION") && !c.toString().equals("null")) values.add(c);
    return values.isEmpty() ? null : values.get(random.nextInt(values.size())).toString();
  }

  private static final String[] SHAPES = {"abcdefg1", "a1b2c3", "123456", "us-east-1", "10.0.0.0/16", "10.0.1.5",
      "arn:aws:service:us-east-1:123456789012:thing/abc", "example.com", "https://example.com/a", "Z1ABCDEFGH",
      "ab-12345678", "a", "2026-01-01T00:00:00Z", "/a", "A1", "abc_1", "cert-1234abcd", "MyName", "200",
      "0123abcd-0123-4567-89ab-0123456789ab", "arn:aws:outposts:us-east-1:123456789012:outpost/op-0123456789abcdef0",
      "ipv4pool-coip-abc123", "HTTPS", "arn:aws:cloudfront::123456789012:function/abc",
      "arn:aws:ec2:us-east-1:123456789012:placement-group/abc", "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/abc"};

  /** A string inside the member's length bounds that matches its pattern where one of SHAPES does. */
  private String string(String service, String len, String pattern) {
    long lo = len == null ? 1 : lower(len);
    long hi = len == null ? 256 : upper(len, 256);
    Pattern p = pattern == null ? null : compile(pattern);
    List<String> candidates = new ArrayList<>();
    // characters the wire must escape (XML, JSON, URI paths and query strings), where no pattern forbids them
    // (no '/' for Route 53: its SDK keeps only what follows an id's last '/', as for "/hostedzone/Z1")
    if (TRICKY) candidates.add("v" + Integer.toString(random.nextInt(1 << 20), 36) + " a&b<c>\"d'" + (service.equals("route53") ? "" : "/")
        + "e+f%g=h?i#j\u00e9");
    candidates.add("v" + Integer.toString(random.nextInt(1 << 20), 36));
    Collections.addAll(candidates, SHAPES);
    for (String s : candidates) {
      String sized = fit(s, lo, hi);
      if (sized != null && (p == null || p.matcher(sized).find())) return sized;
    }
    return fit("v" + random.nextInt(1000), lo, hi);
  }

  private static String fit(String s, long lo, long hi) {
    if (s.length() > hi) return hi > 0 ? s.substring(0, (int) hi) : null;
    StringBuilder b = new StringBuilder(s);
    while (b.length() < lo) b.append('x');
    return b.toString();
  }

  private long number(String range) {
    long lo = range == null ? 1 : (long) Math.max(Long.MIN_VALUE / 2, lowerD(range, 1));
    long hi = range == null ? 100 : (long) Math.min(lo + 100, upperD(range, lo + 100));
    return hi <= lo ? lo : lo + random.nextInt((int) (hi - lo + 1));
  }

  private double decimal(String range) {
    double lo = range == null ? 1 : lowerD(range, 1);
    double hi = range == null ? 100 : upperD(range, lo + 100);
    return Math.round((lo + (hi - lo) / 4) * 4) / 4.0;
  }

  static long lower(String spec) { return (long) lowerD(spec, 0); }

  static long upper(String spec, long fallback) { return (long) upperD(spec, fallback); }

  static double lowerD(String spec, double fallback) {
    if (spec == null) return fallback;
    String s = spec.substring(0, spec.indexOf(".."));
    return s.isEmpty() ? fallback : Double.parseDouble(s);
  }

  static double upperD(String spec, double fallback) {
    if (spec == null) return fallback;
    String s = spec.substring(spec.indexOf("..") + 2);
    return s.isEmpty() ? fallback : Double.parseDouble(s);
  }

  static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (RuntimeException e) {
      return null;
    }
  }

  // --- SDK clients ------------------------------------------------------------------------

  /** The sync client method taking {@code requestType}, or null (streaming operations). */
  static Method callOf(SdkClient client, Class<?> requestType) {
    for (Class<?> i : client.getClass().getInterfaces()) {
      for (Method m : i.getMethods()) {
        if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == requestType && SdkPojo.class.isAssignableFrom(m.getReturnType())) {
          return m;
        }
      }
    }
    return null;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static SdkClient client(ServiceDescriptor d, int port) throws Exception {
    Class<?> type = clientInterface(d);
    Object builder = type.getMethod("builder").invoke(null);
    AwsClientBuilder b = (AwsClientBuilder) builder;
    b.endpointOverride(java.net.URI.create("http://127.0.0.1:" + port));
    b.region(Region.US_EAST_1);
    b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")));
    b.overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(DefaultRetryStrategy.doNotRetry())
            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build());
    ((SdkSyncClientBuilder) builder).httpClient(ApacheHttpClient.builder().build());  // sends PATCH
    if (builder instanceof software.amazon.awssdk.services.cloudfrontkeyvaluestore.CloudFrontKeyValueStoreClientBuilder kvs) {
      // its endpoint rules send to <account>.<endpoint>, for a valid store ARN only: resolve them for
      // one (SigV4A comes from them), then send to this server whatever random ARN the request names
      var rules = software.amazon.awssdk.services.cloudfrontkeyvaluestore.endpoints.CloudFrontKeyValueStoreEndpointProvider
          .defaultProvider();
      kvs.endpointProvider(p -> rules.resolveEndpoint(p.toBuilder()
              .kvsArn("arn:aws:cloudfront::000000000000:key-value-store/00000000-0000-0000-0000-000000000000").build())
          .thenApply(e -> e.toBuilder().url(java.net.URI.create("http://127.0.0.1:" + port)).build()));
    }
    return (SdkClient) ((SdkBuilder) builder).build();
  }

  /** The SDK's sync client interface of {@code d} (e.g. Route53Client), found in its jar. */
  static Class<?> clientInterface(ServiceDescriptor d) throws IOException, ClassNotFoundException {
    String pkg = d.sdkPackage().replace('.', '/') + "/";
    for (URL url : Collections.list(WireRoundTripIT.class.getClassLoader().getResources(pkg))) {
      if (!(url.openConnection() instanceof JarURLConnection jar)) continue;
      // A JarFile of its own: closing the JVM's cached one would close it under ServiceModel's
      // background warm-up of the server in this JVM ("zip file closed", a 500 from Route 53).
      jar.setUseCaches(false);
      try (JarFile f = jar.getJarFile()) {
        for (String n : f.stream().map(e -> e.getName()).toList()) {
          if (!n.startsWith(pkg) || n.indexOf('/', pkg.length()) >= 0 || !n.endsWith("Client.class") || n.endsWith("AsyncClient.class")) continue;
          Class<?> c = Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
          if (c.isInterface() && SdkClient.class.isAssignableFrom(c)) return c;
        }
      }
    }
    throw new IllegalStateException("no SDK client for " + d.id() + " on the classpath");
  }

  // --- helpers ---------------------------------------------------------------------------

  static Map<String, String> known() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = WireRoundTripIT.class.getResourceAsStream("wire-roundtrip-known.txt")) {
      if (in == null) return out;
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        int sp = line.indexOf(' ');
        out.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
      }
    }
    return out;
  }

  static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = WireRoundTripIT.class.getResourceAsStream(resource)) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 1000 ? line.substring(0, 1000) + "..." : line;
  }
}
