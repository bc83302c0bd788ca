package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3AddressingTest {
  @Test
  void classify_awsAndLocalNames() {
    assertThat(S3Addressing.classify("my.bucket.s3.us-east-1.amazonaws.com")).contains(new S3Addressing.VirtualHosted("my.bucket"));
    assertThat(S3Addressing.classify("b.s3.amazonaws.com")).contains(new S3Addressing.VirtualHosted("b"));
    assertThat(S3Addressing.classify("b.s3.localhost")).contains(new S3Addressing.VirtualHosted("b"));
    assertThat(S3Addressing.classify("b.s3-website-us-east-1.localhost")).contains(new S3Addressing.Website("b", "us-east-1"));
    assertThat(S3Addressing.classify("b.s3-website.eu-west-1.amazonaws.com")).contains(new S3Addressing.Website("b", "eu-west-1"));
    assertThat(S3Addressing.classify("s3.us-east-1.amazonaws.com")).contains(new S3Addressing.PathStyle());
    assertThat(S3Addressing.classify("s3.localhost")).contains(new S3Addressing.PathStyle());
    assertThat(S3Addressing.classify("b.localhost")).contains(new S3Addressing.MaybeBucket("b"));
    assertThat(S3Addressing.classify("localhost")).isEmpty();
    assertThat(S3Addressing.classify("127.0.0.1")).isEmpty();
  }

  @Test
  void host_dropsPortAndDot() {
    assertThat(S3Addressing.host("B.S3.localhost.:4566")).isEqualTo("b.s3.localhost");
    assertThat(S3Addressing.host(null)).isEmpty();
  }

  @Test
  void decodePath_keepsPlusAndDecodesUtf8() {
    assertThat(S3HttpService.decodePath("/b/a%20b+c%C3%A9")).isEqualTo("/b/a b+cé");
    assertThat(S3HttpService.decodePath("")).isEqualTo("/");
  }
}
