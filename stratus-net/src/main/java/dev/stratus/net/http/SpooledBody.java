package dev.stratus.net.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A request body the front end wrote to a file ({@link BodyPlan.Spool}): exactly the bytes the
 * client sent after HTTP framing (chunked transfer coding removed, any content coding such as
 * aws-chunked kept). The file is the service's to read or move; {@link #close} deletes it if it
 * is still where it was written.
 *
 * @param file where the body is
 * @param length its size in bytes
 */
public record SpooledBody(Path file, long length) implements AutoCloseable {
  public SpooledBody {
    Objects.requireNonNull(file, "file");
  }

  /**
   * The body's first {@code max} bytes (all of it when shorter), read from the file without
   * loading the rest: what a filter inspects of a large upload.
   */
  public java.nio.ByteBuffer head(int max) throws IOException {
    int n = (int) Math.min(length, Math.max(0, max));
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(n);
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
      while (out.hasRemaining() && channel.read(out, out.position()) > 0) { }
    }
    return out.flip();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temp file is swept by its owner at the next start
    }
  }
}
