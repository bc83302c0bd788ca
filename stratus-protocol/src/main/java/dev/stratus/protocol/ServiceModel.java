package dev.stratus.protocol;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * The operations of one service, read lazily from its SDK jar: an operation {@code Xxx} is
 * known when {@code transform.XxxRequestMarshaller} exists, and its binding is that class's
 * {@code SDK_OPERATION_BINDING}.
 *
 * <p>EC2 has ~750 operations, so nothing is loaded eagerly: a single lookup loads three
 * classes and caches the result; only the REST services list every operation (to build their
 * URI-template tables on first use).
 */
public final class ServiceModel {
  private static final String MARSHALLER_SUFFIX = "RequestMarshaller";

  private final ServiceDescriptor descriptor;
  private final ConcurrentHashMap<String, Optional<Operation>> byName = new ConcurrentHashMap<>();
  private volatile List<Operation> all;
  private volatile java.util.Map<String, String> lowerCaseIndex;

  public ServiceModel(ServiceDescriptor descriptor) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
  }

  public ServiceDescriptor descriptor() { return descriptor; }

  /** The operation named {@code name} (e.g. {@code DescribeVpcs}), if the SDK knows it. */
  public Optional<Operation> operation(String name) {
    if (name == null || name.isEmpty() || !isJavaIdentifier(name)) return Optional.empty();
    return byName.computeIfAbsent(name, this::find);
  }

  /**
   * The SDK usually names classes after the operation ({@code DescribeVpcs} →
   * {@code DescribeVpcsRequest}) but sometimes re-cases acronyms ({@code ListWebACLs} →
   * {@code ListWebAcLsRequest}); those are found through a case-insensitive index of the jar,
   * and the binding's operation identifier must then equal the wire name exactly.
   */
  private Optional<Operation> find(String wireName) {
    Optional<Operation> op = load(wireName);
    if (op.isEmpty()) {
      String className = classNamesByLowerCase().get(wireName.toLowerCase(java.util.Locale.ROOT));
      if (className != null && !className.equals(wireName)) op = load(className);
    }
    return op.filter(o -> o.name().equals(wireName));
  }

  private java.util.Map<String, String> classNamesByLowerCase() {
    java.util.Map<String, String> index = lowerCaseIndex;
    if (index == null) {
      index = new java.util.HashMap<>();
      for (String n : operationNames()) index.put(n.toLowerCase(java.util.Locale.ROOT), n);
      lowerCaseIndex = index;
    }
    return index;
  }

  /** Every operation of the service, in the SDK jar's order (loads them all once). */
  public List<Operation> operations() {
    List<Operation> ops = all;
    if (ops == null) {
      List<Operation> found = new ArrayList<>();
      for (String className : operationNames()) {
        load(className).ifPresent(op -> found.add(byName.computeIfAbsent(op.name(), n -> Optional.of(op)).orElse(op)));
      }
      all = ops = Collections.unmodifiableList(found);
    }
    return ops;
  }

  /** An operation's wire name and HTTP binding, without its model classes. */
  public record Binding(String name, OperationInfo info) {}

  /**
   * The bindings of every operation, loading only the request marshallers (REST routing needs
   * no model classes; those load when an operation is first called).
   */
  public List<Binding> bindings() {
    List<Binding> found = new ArrayList<>();
    for (String className : operationNames()) {
      try {
        OperationInfo info = bindingOf(className);
        found.add(new Binding(wireName(info, className), info));
      } catch (ClassNotFoundException | NoSuchFieldException e) {
        // a marshaller without a binding is not an operation
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read the SDK binding of " + descriptor.id() + "." + className, e);
      }
    }
    return found;
  }

  /** The names of all operations, from the jar listing only (no class loading). */
  public List<String> operationNames() {
    String dir = descriptor.sdkPackage().replace('.', '/') + "/transform/";
    List<String> names = new ArrayList<>();
    try {
      URL url = ServiceModel.class.getClassLoader().getResource(dir);
      if (url == null || !(url.openConnection() instanceof JarURLConnection jar)) return names;
      jar.setUseCaches(true);
      JarFile file = jar.getJarFile();
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        String entry = e.nextElement().getName();
        if (entry.startsWith(dir) && entry.endsWith(MARSHALLER_SUFFIX + ".class")
            && entry.indexOf('/', dir.length()) < 0 && entry.indexOf('$') < 0) {
          names.add(entry.substring(dir.length(), entry.length() - MARSHALLER_SUFFIX.length() - 6));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the SDK operations of " + descriptor.id(), e);
    }
    return names;
  }

  /** Loads the operation whose SDK classes are named {@code name}. */
  private Optional<Operation> load(String name) {
    String pkg = descriptor.sdkPackage();
    ClassLoader loader = ServiceModel.class.getClassLoader();
    try {
      OperationInfo info = bindingOf(name);
      Class<? extends SdkPojo> request =
          Class.forName(pkg + ".model." + name + "Request", false, loader).asSubclass(SdkPojo.class);
      Class<? extends SdkPojo> response =
          Class.forName(pkg + ".model." + name + "Response", false, loader).asSubclass(SdkPojo.class);
      return Optional.of(new Operation(descriptor, wireName(info, name), info, request, response));
    } catch (ClassNotFoundException | NoSuchFieldException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the SDK binding of " + descriptor.id() + "." + name, e);
    }
  }

  private OperationInfo bindingOf(String className) throws ReflectiveOperationException {
    Class<?> marshaller = Class.forName(descriptor.sdkPackage() + ".transform." + className + MARSHALLER_SUFFIX,
        true, ServiceModel.class.getClassLoader());
    Field binding = marshaller.getDeclaredField("SDK_OPERATION_BINDING");
    binding.setAccessible(true);
    return (OperationInfo) binding.get(null);
  }

  /** The operation's name on the wire: the binding's identifier without a JSON target prefix. */
  private static String wireName(OperationInfo info, String className) {
    String id = info.operationIdentifier();
    return id == null ? className : id.substring(id.lastIndexOf('.') + 1);
  }

  private static boolean isJavaIdentifier(String s) {
    if (!Character.isJavaIdentifierStart(s.charAt(0))) return false;
    for (int i = 1; i < s.length(); i++) if (!Character.isJavaIdentifierPart(s.charAt(i))) return false;
    return s.length() <= 128;
  }
}
