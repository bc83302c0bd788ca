package dev.stratus.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Object and part bodies as files: {@code <root>/blobs/<uuid>}, each written once and never
 * changed. A write goes to {@code <root>/tmp}, is fsynced, renamed into {@code blobs/} and the
 * directory fsynced before the name is returned; only then does the caller commit the metadata
 * row naming it, so an acknowledged PUT survives {@code kill -9}. A crash between the rename and
 * the commit leaves a file no row names: {@link #sweep} removes those at start.
 */
final class ObjectFiles implements AutoCloseable {
  private final Path root;
  private final Path blobs;
  private final Path tmp;
  private final boolean deleteOnClose;

  ObjectFiles(Path root, boolean deleteOnClose) {
    this.root = root;
    this.blobs = root.resolve("blobs");
    this.tmp = root.resolve("tmp");
    this.deleteOnClose = deleteOnClose;
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code data} durably; returns the blob's name. */
  String write(byte[] data) {
    return write(List.of(data));
  }

  /** Writes the concatenation of {@code pieces} durably; returns the blob's name. */
  String write(List<byte[]> pieces) {
    return durably(ch -> {
      for (byte[] piece : pieces) {
        ByteBuffer buf = ByteBuffer.wrap(piece);
        while (buf.hasRemaining()) ch.write(buf);
      }
    });
  }

  /** Where uploads are spooled: on the blobs' file system, so that keeping one is a rename ({@link #adopt}). */
  Path spoolDirectory() {
    return tmp;
  }

  /** A blob's file (read it; never change it). */
  Path path(String name) {
    return blobs.resolve(name);
  }

  /**
   * Makes a finished file in {@link #spoolDirectory()} a blob, durably: fsync, rename into
   * blobs/, fsync of the directory; returns the blob's name. The file is gone from where it was.
   */
  String adopt(Path file) {
    String name = UUID.randomUUID().toString();
    try {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(file, blobs.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      syncBlobs();
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void syncBlobs() {
    try (FileChannel dir = FileChannel.open(blobs, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the file itself is synced
    }
  }

  /** Concatenates existing blobs into a new one (a completed multipart upload), file to file. */
  String concat(List<String> names) {
    return durably(ch -> {
      for (String name : names) {
        try (FileChannel in = FileChannel.open(blobs.resolve(name), StandardOpenOption.READ)) {
          long size = in.size();
          long done = 0;
          while (done < size) done += in.transferTo(done, size - done, ch);
        }
      }
    });
  }

  /** What fills a new blob. */
  @FunctionalInterface
  private interface Filler {
    void fill(FileChannel ch) throws IOException;
  }

  /** tmp file → filled → fsync → rename into blobs/ → fsync of the directory; returns the name. */
  private String durably(Filler filler) {
    String name = UUID.randomUUID().toString();
    Path temp = tmp.resolve(name);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        filler.fill(ch);
        ch.force(true);
      }
      Files.move(temp, blobs.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(blobs, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        // some file systems cannot sync a directory; the file itself is synced
      }
      return name;
    } catch (IOException e) {
      try { Files.deleteIfExists(temp); } catch (IOException ignored) { /* best effort */ }
      throw new UncheckedIOException(e);
    }
  }

  byte[] read(String name) {
    try {
      return Files.readAllBytes(blobs.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes {@code first..first+length-1} of a blob. */
  byte[] read(String name, long first, long length) {
    try (FileChannel ch = FileChannel.open(blobs.resolve(name), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(length));
      long pos = first;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) break;
        pos += n;
      }
      return buf.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String name) {
    try {
      Files.deleteIfExists(blobs.resolve(name));
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes blobs no row names and leftovers of interrupted writes. */
  void sweep(Set<String> referenced) {
    try (Stream<Path> s = Stream.concat(Files.list(blobs), Files.list(tmp))) {
      s.filter(p -> !(p.getParent().equals(blobs) && referenced.contains(p.getFileName().toString())))
          .forEach(p -> { try { Files.deleteIfExists(p); } catch (IOException ignored) { /* next start */ } });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (!deleteOnClose) return;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
