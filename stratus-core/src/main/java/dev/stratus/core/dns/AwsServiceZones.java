package dev.stratus.core.dns;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical hosted zones of AWS services, per Region: what a load balancer reports as its
 * CanonicalHostedZoneId and what a Route 53 alias record names as its HostedZoneId. One table for
 * every service (ELB reports them, Route 53 checks them). Ids from the AWS General Reference
 * endpoint pages: https://docs.aws.amazon.com/general/latest/gr/elb.html#elb_region,
 * …/apigateway.html, …/s3.html#s3_website_region_endpoints, …/global_accelerator.html.
 */
public final class AwsServiceZones {
  /** CloudFront's one zone for every distribution. */
  public static final String CLOUDFRONT = "Z2FDTNDATAQYW2";
  /** Global Accelerator's one zone for every accelerator. */
  public static final String GLOBAL_ACCELERATOR = "Z2BJ6XQ5FK7U4H";

  /** The AWS services with canonical alias zones. */
  public enum Service {
    /** Application and Classic Load Balancers: {@code name-123.<region>.elb.amazonaws.com}. */
    ELB_APPLICATION,
    /** Network Load Balancers: {@code name-123.elb.<region>.amazonaws.com}. */
    ELB_NETWORK,
    /** CloudFront distributions: {@code d111.cloudfront.net}. */
    CLOUDFRONT,
    /** API Gateway regional custom domains: {@code d-abc.execute-api.<region>.amazonaws.com}. */
    API_GATEWAY,
    /** Global Accelerator: {@code a123.awsglobalaccelerator.com}. */
    GLOBAL_ACCELERATOR,
    /** S3 website endpoints: {@code s3-website-<region>.amazonaws.com} or {@code s3-website.<region>.amazonaws.com}. */
    S3_WEBSITE
  }

  /** One service zone: which service, and its Region (empty for the global services). */
  public record ServiceZone(Service service, String region) {}

  private static final Map<String, ServiceZone> ZONES = new HashMap<>();

  static {
    regional(Service.ELB_APPLICATION, "af-south-1 Z268VQBMOI5EKX ap-east-1 Z3DQVH9N71FHZ0 ap-northeast-1 Z14GRHDCWA56QT "
        + "ap-northeast-2 ZWKZPGTI48KDX ap-northeast-3 Z5LXEXXYW11ES ap-south-1 ZP97RAFLXTNZK ap-south-2 Z0173938T07WNTVAEPZN "
        + "ap-southeast-1 Z1LMS91P8CMLE5 ap-southeast-2 Z1GM3OXH4ZPM65 ap-southeast-3 Z08888821HLRG5A9ZRTER "
        + "ca-central-1 ZQSVJUPU6J1EY eu-central-1 Z215JYRZR1TBD5 eu-central-2 Z06391101F2ZOEP8P5EB3 "
        + "eu-north-1 Z23TAZ6LKFMNIO eu-south-1 Z3ULH7SSC9OV64 eu-south-2 Z0956581394HF5D5LXGAP eu-west-1 Z32O12XQLNTSW2 "
        + "eu-west-2 ZHURV8PSTC4K8 eu-west-3 Z3Q77PNBQS71R4 me-central-1 Z08230872XQRWHG2XF6I me-south-1 ZS929ML54UICD "
        + "sa-east-1 Z2P70J7HTTTPLU us-east-1 Z35SXDOTRQ7X7K us-east-2 Z3AADJGX6KTTL2 us-west-1 Z368ELLRRE2KJ0 "
        + "us-west-2 Z1H1FL5HABSF5");
    regional(Service.ELB_NETWORK, "af-south-1 Z203XCE67M25HM ap-east-1 Z12Y7K3UBGUAD1 ap-northeast-1 Z31USIVHYNEOWT "
        + "ap-northeast-2 ZIBE1TIR4HY56 ap-northeast-3 Z1GWIQ4HH19I5X ap-south-1 ZVDDRBQ08TROA ap-south-2 Z0711778386UTO08407HT "
        + "ap-southeast-1 ZKVM4W9LS7TM ap-southeast-2 ZCT6FZBF4DROD ap-southeast-3 Z01971771FYVNCOVWJU1G "
        + "ca-central-1 Z2EPGBW3API2WT eu-central-1 Z3F0SRJ5LGBH90 eu-central-2 Z02239872DOALSIDCX66S "
        + "eu-north-1 Z1UDT6IFJ4EJM eu-south-1 Z23146JA1KNAFP eu-south-2 Z1011216NVTVYADP1SSV eu-west-1 Z2IFOLAFXWLO4F "
        + "eu-west-2 ZD4D7Y8KGAS4G eu-west-3 Z1CMS0P5QUZ6D5 me-central-1 Z00282643NTTLPANJJG2P me-south-1 Z3QSRYVP46NYYV "
        + "sa-east-1 ZTK26PT1VY4CU us-east-1 Z26RNL4JYFTOTI us-east-2 ZLMOA37VPKANP us-west-1 Z24FKFUX50B4VW "
        + "us-west-2 Z18D5FSROUN65G");
    regional(Service.API_GATEWAY, "us-east-1 Z1UJRXOUMOOFQ8 us-east-2 ZOJJZC49E0EPZ us-west-1 Z2MUQ32089INYE "
        + "us-west-2 Z2OJLYMUO9EFXC af-south-1 Z2DHW2332DAMTN ap-east-1 Z3FD1VL90ND7K5 ap-south-1 Z3VO1THU9YC4UR "
        + "ap-northeast-1 Z1YSHQZHG15GKL ap-northeast-2 Z20JF4UZKIW1U8 ap-northeast-3 Z22ILHG95FLSZ2 "
        + "ap-southeast-1 ZL327KTPIQFUL ap-southeast-2 Z2RPCDW04V8134 ca-central-1 Z19DQILCV0OWEC "
        + "eu-central-1 Z1U9ULNL0V5AJ3 eu-west-1 ZLY8HYME6SFDD eu-west-2 ZJ5UAJN8Y3Z2Q eu-west-3 Z3KY65QIEKYHQQ "
        + "eu-north-1 Z3UWIKFBOOGXPP eu-south-1 Z3BT4WSQ9TDYZV me-south-1 Z20ZBPC0SS8806 sa-east-1 ZCMLWB8V5SYIT");
    regional(Service.S3_WEBSITE, "af-south-1 Z83WF9RJE8B12 ap-east-1 ZNB98KWMFR0R6 ap-northeast-1 Z2M4EHUR26P7ZW "
        + "ap-northeast-2 Z3W03O7B5YMIYP ap-northeast-3 Z2YQB5RD63NC85 ap-south-1 Z11RGJOFQNVJUP "
        + "ap-southeast-1 Z3O0J2DXBE1FTB ap-southeast-2 Z1WCIGYICN2BYD ca-central-1 Z1QDHH18159H29 "
        + "eu-central-1 Z21DNDUVLTQW6Q eu-north-1 Z3BAZG2TWCNX0D eu-south-1 Z30OZKI7KPW7MI eu-west-1 Z1BKCTXD74EZPE "
        + "eu-west-2 Z3GKZC51ZF0DB4 eu-west-3 Z3R1K369G5AVDG me-south-1 Z1MPMWCPA7YB62 sa-east-1 Z7KQH4QJS55SO "
        + "us-east-1 Z3AQBSTGFYJSTF us-east-2 Z2O1EMRO9K5GLX us-west-1 Z2F56UZL2M1ACD us-west-2 Z3BJ6K6RIION7M");
    ZONES.put(CLOUDFRONT, new ServiceZone(Service.CLOUDFRONT, ""));
    ZONES.put(GLOBAL_ACCELERATOR, new ServiceZone(Service.GLOBAL_ACCELERATOR, ""));
  }

  private AwsServiceZones() {}

  private static void regional(Service service, String pairs) {
    String[] p = pairs.split(" ");
    for (int i = 0; i < p.length; i += 2) ZONES.put(p[i + 1], new ServiceZone(service, p[i]));
  }

  /** The AWS service zone {@code hostedZoneId} is, if it is one. */
  public static Optional<ServiceZone> serviceZone(String hostedZoneId) {
    return Optional.ofNullable(ZONES.get(hostedZoneId));
  }

  /** The zone id of {@code service} in {@code region} (the global services ignore the Region). */
  public static Optional<String> zoneId(Service service, String region) {
    return ZONES.entrySet().stream()
        .filter(e -> e.getValue().service() == service && (e.getValue().region().isEmpty() || e.getValue().region().equals(region)))
        .map(Map.Entry::getKey).findFirst();
  }
}
