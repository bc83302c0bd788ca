package dev.stratus.globalaccelerator.model;

import dev.stratus.core.net.PortRange;
import java.util.List;
import java.util.regex.Pattern;

/** AWS's limits on accelerators, listeners and endpoint groups (globalaccelerator.md §2–10). */
public final class AcceleratorRules {
  private AcceleratorRules() {}

  /** Standard accelerators per account (§2). */
  public static final int ACCELERATORS_PER_ACCOUNT = 20;
  public static final int LISTENERS_PER_ACCELERATOR = 10;
  public static final int PORT_RANGES_PER_LISTENER = 10;
  public static final int ENDPOINTS_PER_GROUP = 10;
  public static final int PORT_OVERRIDES_PER_GROUP = 10;
  public static final int DEFAULT_WEIGHT = 128;
  public static final int MAX_WEIGHT = 255;
  public static final int DEFAULT_INTERVAL_SECONDS = 30;
  public static final int DEFAULT_THRESHOLD = 3;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62}[A-Za-z0-9])?");

  /** Null when {@code name} is a valid accelerator name, else why not. */
  public static String nameProblem(String name) {
    if (name == null || name.isEmpty()) return "Name is required.";
    if (name.length() > 64) return "Name must be 64 characters or fewer.";
    if (!NAME.matcher(name).matches()) {
      return "Name can only contain alphanumeric characters, periods (.) and hyphens (-), and cannot start or end"
          + " with a hyphen or a period.";
    }
    return null;
  }

  /** Null when {@code from..to} is a valid listener port range, else why not. */
  public static String rangeProblem(Integer from, Integer to) {
    if (from == null || to == null || from < 1 || to > 65535 || from > to) {
      return "The port range " + from + "-" + to + " is invalid. Ports must be between 1 and 65535,"
          + " and FromPort must not be greater than ToPort.";
    }
    return null;
  }

  /** Null when the (individually valid) ranges are valid together for one listener, else why not. */
  public static String portRangesProblem(List<PortRange> ranges) {
    if (ranges.isEmpty() || ranges.size() > PORT_RANGES_PER_LISTENER) {
      return "A listener must have between 1 and " + PORT_RANGES_PER_LISTENER + " port ranges.";
    }
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        if (overlap(ranges.get(i), ranges.get(j))) return "The port ranges of a listener must not overlap.";
      }
    }
    return null;
  }

  public static boolean overlap(PortRange a, PortRange b) { return a.from() <= b.to() && b.from() <= a.to(); }

  public static boolean overlap(List<PortRange> a, List<PortRange> b) {
    return a.stream().anyMatch(x -> b.stream().anyMatch(y -> overlap(x, y)));
  }
}
