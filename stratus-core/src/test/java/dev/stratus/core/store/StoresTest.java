package dev.stratus.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Settings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir Path dir;

  @Test
  void open_ephemeral_keepsStateInMemory() {
    try (var store = Stores.open(Settings.ephemeral(0, 0))) {
      assertThat(store).isInstanceOf(MemoryStore.class);
    }
  }

  @Test
  void open_withDataDir_usesTheSqliteFileInIt() {
    var settings = new Settings(0, 0, Optional.of(dir.resolve("nested")), "127.0.0.1");
    try (var store = Stores.open(settings)) {
      assertThat(store).isInstanceOf(SqlStore.class);
    }
    assertThat(dir.resolve("nested").resolve(Stores.FILE_NAME)).exists();
  }
}
