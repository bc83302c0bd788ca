package dev.stratus.app;

import dev.stratus.core.ServiceModule.Endpoint;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The body of {@code GET /_stratus/endpoints}: {@code {"endpoints":[{description, protocol, address, port}]}}. */
final class EndpointsJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The document as a record, so that Jackson maps it both ways. */
  record Document(List<Endpoint> endpoints) {}

  private EndpointsJson() {}

  static String write(List<Endpoint> endpoints) { return MAPPER.writeValueAsString(new Document(endpoints)); }

  static List<Endpoint> read(String json) { return MAPPER.readValue(json, Document.class).endpoints(); }
}
