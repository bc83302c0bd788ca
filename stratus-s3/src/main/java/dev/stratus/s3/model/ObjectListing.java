package dev.stratus.s3.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One page of a bucket listing, as ListObjects (v1) and ListObjectsV2 compute it: keys after
 * {@code startAfter} that begin with {@code prefix}, where keys sharing the part up to the
 * first {@code delimiter} after the prefix roll up into one common prefix. Keys and common
 * prefixes together count against {@code maxKeys}; {@code nextMarker} is the last one counted.
 */
public record ObjectListing(List<S3Object> contents, List<String> commonPrefixes, boolean truncated, String nextMarker) {
  public ObjectListing {
    contents = List.copyOf(contents);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  /**
   * @param objects the bucket's objects in key order
   * @param prefix "" for none
   * @param delimiter null or "" for none
   * @param startAfter exclusive lower bound, "" for none
   * @param maxKeys 0..1000
   */
  public static ObjectListing of(List<S3Object> objects, String prefix, String delimiter, String startAfter, int maxKeys) {
    Objects.requireNonNull(objects, "objects");
    String p = prefix == null ? "" : prefix;
    String after = startAfter == null ? "" : startAfter;
    boolean hasDelimiter = delimiter != null && !delimiter.isEmpty();
    List<S3Object> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    for (S3Object o : objects) {
      String key = o.key();
      if (!key.startsWith(p) || key.compareTo(after) <= 0) continue;
      String rolled = null;
      if (hasDelimiter) {
        int d = key.indexOf(delimiter, p.length());
        if (d >= 0) rolled = key.substring(0, d + delimiter.length());
      }
      // A common prefix already returned (or the marker itself, on a later page) is not repeated.
      if (rolled != null && (rolled.equals(last) || after.startsWith(rolled))) continue;
      if (contents.size() + prefixes.size() >= maxKeys) {
        return new ObjectListing(contents, prefixes, true, last);
      }
      if (rolled != null) {
        prefixes.add(rolled);
        last = rolled;
      } else {
        contents.add(o);
        last = key;
      }
    }
    return new ObjectListing(contents, prefixes, false, last);
  }
}
