package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Optional;

/**
 * The AWS services a VPC endpoint can reach in a region, and the AWS-managed prefix lists of the
 * two gateway-endpoint services (S3 and DynamoDB, vpc.md §38).
 *
 * <p>Prefix-list ids are AWS's real ones where Stratus knows them (us-east-1, eu-west-1) and a
 * stable per-region id otherwise; the entries are a representative subset of AWS's published
 * ranges for the service (ip-ranges.json), the same in every region. Route selection and
 * reachability only need them to be disjoint from private space and stable.
 */
public final class AwsServices {
  /**
   * An AWS service offered through VPC endpoints.
   *
   * @param gateway whether a Gateway endpoint exists for it (only S3 and DynamoDB)
   */
  public record Service(String shortName, boolean gateway, boolean iface) {
    public String serviceName(String region) { return "com.amazonaws." + region + "." + shortName; }

    public String privateDnsName(String region) { return shortName + "." + region + ".amazonaws.com"; }

    public List<String> types() {
      return gateway && iface ? List.of("Interface", "Gateway") : gateway ? List.of("Gateway") : List.of("Interface");
    }
  }

  /** Services commonly reached through endpoints, alphabetical as DescribeVpcEndpointServices lists them. */
  public static final List<Service> SERVICES = List.of(
      new Service("athena", false, true), new Service("dynamodb", true, true), new Service("ec2", false, true),
      new Service("ec2messages", false, true), new Service("ecr.api", false, true), new Service("ecr.dkr", false, true),
      new Service("ecs", false, true), new Service("elasticloadbalancing", false, true), new Service("events", false, true),
      new Service("execute-api", false, true), new Service("kinesis-streams", false, true), new Service("kms", false, true),
      new Service("lambda", false, true), new Service("logs", false, true), new Service("monitoring", false, true),
      new Service("rds", false, true), new Service("s3", true, true), new Service("secretsmanager", false, true),
      new Service("sns", false, true), new Service("sqs", false, true), new Service("ssm", false, true),
      new Service("ssmmessages", false, true), new Service("states", false, true), new Service("sts", false, true));

  private static final List<Cidr> S3 = cidrs("3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "52.216.0.0/15",
      "54.231.0.0/16");
  private static final List<Cidr> DYNAMODB = cidrs("3.218.180.0/22", "3.218.184.0/22", "52.94.0.0/22",
      "52.119.224.0/20");

  private AwsServices() {}

  /** The service named {@code com.amazonaws.<region>.<short>} in {@code region}. */
  public static Optional<Service> byName(String region, String serviceName) {
    return SERVICES.stream().filter(s -> s.serviceName(region).equals(serviceName)).findFirst();
  }

  /** The managed prefix lists of {@code region}: S3's then DynamoDB's. */
  public static List<ManagedPrefixList> prefixLists(String region) {
    return List.of(new ManagedPrefixList(prefixListId(region, "s3"), "com.amazonaws." + region + ".s3", "IPv4", S3),
        new ManagedPrefixList(prefixListId(region, "dynamodb"), "com.amazonaws." + region + ".dynamodb", "IPv4",
            DYNAMODB));
  }

  /** The prefix list of a gateway service in a region. */
  public static Optional<ManagedPrefixList> prefixListFor(String region, String serviceName) {
    return prefixLists(region).stream().filter(p -> p.prefixListName().equals(serviceName)).findFirst();
  }

  private static String prefixListId(String region, String service) {
    return switch (region + "/" + service) {
      case "us-east-1/s3" -> "pl-63a5400a";
      case "us-east-1/dynamodb" -> "pl-02cd2c6b";
      case "eu-west-1/s3" -> "pl-6da54004";
      case "eu-west-1/dynamodb" -> "pl-6fa54006";
      default -> String.format("pl-%08x", (region + "/" + service).hashCode());
    };
  }

  private static List<Cidr> cidrs(String... texts) {
    return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
  }
}
