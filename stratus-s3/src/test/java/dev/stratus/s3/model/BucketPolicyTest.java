package dev.stratus.s3.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.s3.model.BucketPolicy.Decision;
import org.junit.jupiter.api.Test;

class BucketPolicyTest {
  static final String DIST = "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE";
  static final String OAC = """
      {"Statement":{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject",
       "Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"AWS:SourceArn":"%s"}}}}""".formatted(DIST);

  static BucketPolicy parse(String json) { return BucketPolicy.parse(json).policy(); }

  @Test
  void evaluate_oac_allowsOnlyTheNamedDistribution() {
    BucketPolicy p = parse(OAC);
    assertThat(p.evaluate(new Caller.Service("cloudfront.amazonaws.com", DIST), "s3:GetObject", "arn:aws:s3:::b/k")).isEqualTo(Decision.ALLOW);
    assertThat(p.evaluate(new Caller.Service("cloudfront.amazonaws.com", DIST + "X"), "s3:GetObject", "arn:aws:s3:::b/k"))
        .isEqualTo(Decision.DEFAULT);
    assertThat(p.evaluate(new Caller.Anonymous(), "s3:GetObject", "arn:aws:s3:::b/k")).isEqualTo(Decision.DEFAULT);
    assertThat(p.evaluate(new Caller.Service("cloudfront.amazonaws.com", DIST), "s3:PutObject", "arn:aws:s3:::b/k"))
        .isEqualTo(Decision.DEFAULT);
  }

  @Test
  void evaluate_arnLikeWildcard_andSourceAccount() {
    BucketPolicy p = parse("""
        {"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":["s3:Get*"],
         "Resource":["arn:aws:s3:::b/*"],"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudfront::111122223333:distribution/*"},
         "StringEquals":{"aws:SourceAccount":"111122223333"}}}]}""");
    assertThat(p.evaluate(new Caller.Service("cloudfront.amazonaws.com", DIST), "s3:GetObject", "arn:aws:s3:::b/x/y")).isEqualTo(Decision.ALLOW);
  }

  @Test
  void evaluate_unknownConditionKey_failsClosed() {
    BucketPolicy p = parse("""
        {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
         "Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}""");
    assertThat(p.evaluate(new Caller.Anonymous(), "s3:GetObject", "arn:aws:s3:::b/k")).isEqualTo(Decision.DEFAULT);
  }

  @Test
  void evaluate_denyWinsOverAllow() {
    BucketPolicy p = parse("""
        {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},
         {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/private/*"}]}""");
    assertThat(p.evaluate(new Caller.Anonymous(), "s3:GetObject", "arn:aws:s3:::b/public/k")).isEqualTo(Decision.ALLOW);
    assertThat(p.evaluate(new Caller.Account("000000000000"), "s3:GetObject", "arn:aws:s3:::b/private/k")).isEqualTo(Decision.DENY);
  }

  @Test
  void parse_malformed_saysWhy() {
    assertThat(BucketPolicy.parse("nope").failure()).contains("Policies must be valid JSON and the first byte must be '{'");
    assertThat(BucketPolicy.parse("{}").failure()).contains("Missing required field Statement");
    assertThat(BucketPolicy.parse("""
        {"Statement":[{"Effect":"Maybe","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""").failure()).isPresent();
  }

  @Test
  void glob_wildcards() {
    assertThat(BucketPolicy.glob("arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b", false)).isTrue();
    assertThat(BucketPolicy.glob("arn:aws:s3:::b/?", "arn:aws:s3:::b/ab", false)).isFalse();
    assertThat(BucketPolicy.glob("s3:get*", "s3:GetObject", true)).isTrue();
  }
}
