package dev.stratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleOrderTest {
  interface Lookup {}

  interface Registry {}

  record Module(String name, Set<Class<?>> provides, Set<Class<?>> needs) implements ServiceModule {
    @Override
    public Started start(StratusContext context) { return Started.handlers(); }
  }

  private static Module module(String name, Set<Class<?>> provides, Set<Class<?>> needs) {
    return new Module(name, provides, needs);
  }

  @Test
  void sort_providersFirst_otherwiseInTheGivenOrder() {
    var route53 = module("route53", Set.of(), Set.of(Registry.class));
    var elb = module("elbv2", Set.of(), Set.of(Lookup.class, Registry.class));
    var ec2 = module("ec2", Set.of(Lookup.class), Set.of());
    var waf = module("wafv2", Set.of(), Set.of());

    assertThat(ModuleOrder.sort(List.of(route53, elb, ec2, waf), Set.of(Registry.class)))
        .extracting(Module::name).containsExactly("route53", "ec2", "elbv2", "wafv2");
    assertThat(ModuleOrder.sort(List.of(waf, ec2, elb, route53), Set.of(Registry.class)))
        .extracting(Module::name).containsExactly("wafv2", "ec2", "elbv2", "route53");
  }

  @Test
  void sort_aNeedNobodyProvides_isRefused() {
    var elb = module("elbv2", Set.of(), Set.of(Lookup.class));
    assertThatThrownBy(() -> ModuleOrder.sort(List.of(elb), Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("elbv2 needs").hasMessageContaining("Lookup");
  }

  @Test
  void sort_aCycleOrTwoProviders_isRefused() {
    var a = module("a", Set.of(Lookup.class), Set.of(Registry.class));
    var b = module("b", Set.of(Registry.class), Set.of(Lookup.class));
    assertThatThrownBy(() -> ModuleOrder.sort(List.of(a, b), Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle").hasMessageContaining("a needs [Registry]");
    var c = module("c", Set.of(Lookup.class), Set.of());
    assertThatThrownBy(() -> ModuleOrder.sort(List.of(a, c), Set.of(Registry.class)))
        .hasMessageContaining("Lookup is provided by both a and c");
  }
}
