package dev.stratus.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

  @Test
  void require_missingTool_skipsLocally_failsUnderCi() {
    assertThatThrownBy(() -> RequiredTool.require("nothing-such", false, false)).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(() -> RequiredTool.require("nothing-such", false, true))
        .isInstanceOf(AssertionError.class).hasMessageContaining("nothing-such").hasMessageContaining("CI=true");
    assertThatCode(() -> RequiredTool.require("sh", true, true)).doesNotThrowAnyException();
  }

  @Test
  void onPath_findsTheShell_notAnInventedCommand() {
    assertThat(RequiredTool.onPath("sh")).isTrue();
    assertThat(RequiredTool.onPath("no-such-command-stratus")).isFalse();
    assertThat(RequiredTool.pythonModule("no_such_module_stratus")).isFalse();
  }
}
