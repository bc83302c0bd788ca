package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An Application or Network Load Balancer as stored. Created by the ELBv2 data-plane issue;
 * until then the table is only read.
 *
 * @param type {@code application}, {@code network} or {@code gateway}
 * @param scheme {@code internet-facing} or {@code internal}
 */
public record LoadBalancer(String arn, String name, String type, String scheme, String vpcId, String dnsName,
    Instant createdTime) {

  public static final Table<LoadBalancer> TABLE = Table.of("elbv2.load_balancer", LoadBalancer.class);

  public LoadBalancer {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
  }
}
