package dev.stratus.ec2.model;

import dev.stratus.core.ResourceIds;
import java.util.regex.Pattern;

/**
 * EC2 resource id shapes: a prefix, a dash, and 8 (pre-2018) or 17 lower-case hex digits. An id
 * of another shape is "malformed" for AWS (a distinct error from "not found").
 */
public final class Ec2Id {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{17}");

  private Ec2Id() {}

  /** A new id: {@code prefix} (with its dash) + 17 hex digits. */
  public static String next(String prefix) { return ResourceIds.hex(prefix, 17); }

  /** Whether {@code id} is {@code prefix} followed by 8 or 17 hex digits. */
  public static boolean wellFormed(String id, String prefix) {
    return id != null && id.startsWith(prefix) && HEX.matcher(id.substring(prefix.length())).matches();
  }
}
