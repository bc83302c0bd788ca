package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectFilesTest {
  @TempDir Path dir;

  @Test
  void write_readsBackWholeAndByRange() {
    var files = new ObjectFiles(dir, false);
    String name = files.write("0123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(files.read(name)).asString(StandardCharsets.US_ASCII).isEqualTo("0123456789");
    assertThat(files.read(name, 3, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("3456");
    assertThat(dir.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void concat_joinsBlobsInOrder() {
    var files = new ObjectFiles(dir, false);
    String a = files.write("ab".getBytes(StandardCharsets.US_ASCII));
    String b = files.write("cd".getBytes(StandardCharsets.US_ASCII));
    assertThat(files.read(files.concat(List.of(b, a)))).asString(StandardCharsets.US_ASCII).isEqualTo("cdab");
  }

  @Test
  void sweep_removesUnreferencedBlobsAndInterruptedWrites() throws Exception {
    var files = new ObjectFiles(dir, false);
    String kept = files.write(new byte[] {1});
    String orphan = files.write(new byte[] {2});
    Files.write(dir.resolve("tmp").resolve("half-written"), new byte[] {3});
    files.sweep(Set.of(kept));
    assertThat(dir.resolve("blobs").resolve(kept)).exists();
    assertThat(dir.resolve("blobs").resolve(orphan)).doesNotExist();
    assertThat(dir.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void close_ephemeral_removesTheDirectory() {
    Path root = dir.resolve("eph");
    var files = new ObjectFiles(root, true);
    files.write(new byte[] {1});
    files.close();
    assertThat(root).doesNotExist();
  }
}
