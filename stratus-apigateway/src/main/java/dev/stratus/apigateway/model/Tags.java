package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.util.Map;

/** The tags of one API Gateway resource, keyed by its ARN's path ({@code /restapis/a1b2c3d4e5/stages/prod}). */
public record Tags(Map<String, String> tags) {
  public static final Table<Tags> TABLE = Table.of("apigateway.tags", Tags.class);

  public Tags {
    tags = RestApi.copy(tags);
  }
}
