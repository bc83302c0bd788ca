package dev.stratus.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessKeysTest {

  @Test void accountOf_publishedAsiaExample_decodesItsAccount() {
    // The example of the widely cited decoding (hackingthe.cloud, "Get Account ID from keys").
    assertThat(AccessKeys.accountOf("ASIAQNZGKIQY56JQ7WML")).isEqualTo("029608264753");
  }

  @Test void newTemporaryKeyId_roundTripsTheAccount() {
    for (String account : new String[] {"000000000000", "123456789012", "999999999999", "029608264753"}) {
      String key = AccessKeys.newTemporaryKeyId(account);
      assertThat(key).hasSize(20).startsWith("ASIA").matches("[A-Z2-7]+");
      assertThat(AccessKeys.accountOf(key)).isEqualTo(account);
    }
  }

  @Test void accountOf_longTermKeys_keepTheLocalStackRule() {
    assertThat(AccessKeys.accountOf("111122223333")).isEqualTo("111122223333");
    assertThat(AccessKeys.accountOf("AKIDSTRATUSTEST")).isEqualTo(RequestContext.DEFAULT_ACCOUNT);
    assertThat(AccessKeys.accountOf("test")).isEqualTo(RequestContext.DEFAULT_ACCOUNT);
    assertThat(AccessKeys.accountOf(null)).isEqualTo(RequestContext.DEFAULT_ACCOUNT);
  }
}
