package dev.stratus.wafv2.engine;

/** A compiled statement: does this request match? Pure except for rate counters and geo labels. */
@FunctionalInterface
interface Matcher {
  boolean test(Evaluation ev);

  Matcher NEVER = ev -> false;
}
