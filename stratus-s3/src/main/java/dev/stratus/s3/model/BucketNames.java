package dev.stratus.s3.model;

import java.util.regex.Pattern;

/**
 * S3's general-purpose bucket naming rules
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): 3–63
 * characters of lower-case letters, digits, dots and hyphens; a letter or digit first and last;
 * no two adjacent dots; not an IPv4 address; none of the reserved prefixes and suffixes.
 */
public final class BucketNames {
  private static final Pattern CHARS = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private BucketNames() {}

  public static boolean isValid(String name) {
    if (name == null || !CHARS.matcher(name).matches()) return false;
    if (name.contains("..") || IPV4.matcher(name).matches()) return false;
    if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) return false;
    return !(name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3"));
  }
}
