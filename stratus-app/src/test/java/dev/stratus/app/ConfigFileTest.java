package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.ClientLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: client locations by city or coordinates, and one-line refusals. */
class ConfigFileTest {
  @TempDir Path dir;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  @Test
  void clientLocations_cityAndCoordinates_read() throws Exception {
    Path file = write("""
        {"clientLocations":[{"cidr":"10.20.0.0/16","city":"Sydney"},
         {"cidr":"10.30.0.0/16","latitude":48.85,"longitude":2.35,"countryCode":"FR"}]}""");
    assertThat(ConfigFile.clientLocations(file)).containsExactly(ClientLocation.ofCity("10.20.0.0/16", "Sydney"),
        new ClientLocation("10.30.0.0/16", Optional.empty(), Optional.of(48.85), Optional.of(2.35), Optional.of("FR")));
  }

  @Test
  void clientLocations_badEntries_oneLineNamingTheEntry() throws Exception {
    assertThatThrownBy(() -> ConfigFile.clientLocations(write("{\"clientLocations\":[{\"cidr\":\"10.0.0.0/8\",\"city\":\"Atlantis\"}]}")))
        .isInstanceOf(ConfigFile.BadConfigException.class).hasMessageContaining("unknown city: Atlantis");
    assertThatThrownBy(() -> ConfigFile.clientLocations(write("{\"clientLocations\":[{\"cidr\":\"10.0.0.0/8\"}]}")))
        .hasMessageContaining("clientLocations[0]").hasMessageContaining("city or latitude and longitude");
    assertThatThrownBy(() -> ConfigFile.clientLocations(write("{\"clientLocations\":[{\"cidr\":\"nonsense\",\"city\":\"Sydney\"}]}")))
        .hasMessageContaining("nonsense");
    assertThatThrownBy(() -> ConfigFile.clientLocations(write("{\"clientLocation\":[]}")))
        .hasMessageContaining("unknown setting \"clientLocation\"");
    assertThatThrownBy(() -> ConfigFile.clientLocations(write("{not json")))
        .hasMessageContaining("not valid JSON").extracting(Throwable::getMessage).matches(m -> !m.contains("\n"));
  }

  @Test
  void defaultClientLocation_readAndChecked() throws Exception {
    assertThat(ConfigFile.defaultClientLocation(write("{\"defaultClientLocation\": \"ap-southeast-2\"}"))).contains("ap-southeast-2");
    assertThat(ConfigFile.defaultClientLocation(write("{\"emulateNetwork\": true}"))).isEmpty();
    assertThatThrownBy(() -> ConfigFile.defaultClientLocation(write("{\"defaultClientLocation\": \"Atlantis\"}")))
        .hasMessageContaining("defaultClientLocation: unknown place \"Atlantis\"");
    assertThatThrownBy(() -> ConfigFile.defaultClientLocation(write("{\"defaultClientLocation\": 3}")))
        .hasMessageContaining("defaultClientLocation must be a string");
    assertThat(Main.execute("start", "--ephemeral", "--port", "0", "--dns-port", "0", "--default-client-location", "Atlantis"))
        .isEqualTo(2);
  }

  @Test
  void locate_explicitElseDataDirectoryFileWhenPresent() throws Exception {
    assertThat(ConfigFile.locate(Optional.empty(), Optional.of(dir))).isEmpty();
    Path file = write("{}");
    assertThat(ConfigFile.locate(Optional.empty(), Optional.of(dir))).contains(file);
    assertThat(ConfigFile.locate(Optional.of(Path.of("/x.json")), Optional.of(dir))).contains(Path.of("/x.json"));
    assertThat(ConfigFile.locate(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void start_badConfig_exitsTwo() throws Exception {
    Path file = write("{\"clientLocations\":[{\"cidr\":\"10.0.0.0/8\",\"city\":\"Atlantis\"}]}");
    assertThat(Main.execute("start", "--ephemeral", "--port", "0", "--dns-port", "0", "--config", file.toString())).isEqualTo(2);
  }

  @Test
  void clientLocations_brokenJson_namesFileLineAndColumnWithoutParserInternals() throws Exception {
    Path file = write("{\"clientLocations\": [\n  {\"cidr\": \"10.0.0.0/8\",}\n]}\n");
    assertThatThrownBy(() -> ConfigFile.clientLocations(file))
        .hasMessageStartingWith("config " + file + ", line 2, column ")
        .hasMessageContaining("not valid JSON")
        .extracting(Throwable::getMessage).matches(m -> !m.contains("\n") && !m.contains("Feature") && !m.contains("code 125")
            && !m.contains("REDACTED") && !m.contains("Source:"));
  }
}
