package dev.stratus.lambda.runtime;

import dev.stratus.lambda.model.LambdaRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Deployment packages by content: {@code zips/<sha256>.zip} as uploaded and {@code code/<sha256>/}
 * extracted, under the module's directory (the data directory, or a temporary one that
 * {@link #close} deletes when Stratus runs ephemeral).
 */
public final class CodeStore implements AutoCloseable {
  private final Path root;
  private final boolean temporary;

  /** A package as stored. */
  public record Stored(String sha256Base64, String key, long size) {}

  /** The bytes are not a readable zip. */
  public static final class BadZipException extends Exception {
    BadZipException(String message) { super(message, null, false, false); }
  }

  public CodeStore(Path root, boolean temporary) {
    this.root = root;
    this.temporary = temporary;
  }

  public Path root() { return root; }

  /** Checks and keeps a zip; the same bytes are kept once. */
  public Stored put(byte[] zip) throws BadZipException {
    checkZip(zip);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(zip);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String key = LambdaRules.hex(digest);
    Path file = root.resolve("zips").resolve(key + ".zip");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), key, ".tmp");
        Files.write(tmp, zip);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Stored(java.util.Base64.getEncoder().encodeToString(digest), key, zip.length);
  }

  /** The zip of {@code key}. */
  public byte[] zip(String key) throws IOException { return Files.readAllBytes(root.resolve("zips").resolve(key + ".zip")); }

  /** The package of {@code key} extracted (once), the function's task root. */
  public synchronized Path extracted(String key) throws IOException {
    Path dir = root.resolve("code").resolve(key);
    if (Files.isDirectory(dir)) return dir;
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), key + ".");
    try (var in = new ZipInputStream(Files.newInputStream(root.resolve("zips").resolve(key + ".zip")))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = tmp.resolve(e.getName()).normalize();
        if (!target.startsWith(tmp)) continue; // a "../" entry would escape the task root
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  private static void checkZip(byte[] zip) throws BadZipException {
    int entries = 0;
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        entries++;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new BadZipException(e.getMessage());
    }
    if (entries == 0) throw new BadZipException("no entries");
  }

  @Override
  public void close() {
    if (!temporary) return;
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
