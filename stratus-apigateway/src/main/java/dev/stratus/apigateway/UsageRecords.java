package dev.stratus.apigateway;

import java.time.LocalDate;

/**
 * Requests the data plane counted per usage plan key and UTC day: the runtime fact GetUsage reads
 * back (ARCHITECTURE rule 2: counters live in the data plane, the API reads them).
 */
@FunctionalInterface
public interface UsageRecords {
  /** No data plane running: nothing was counted. */
  UsageRecords NONE = (plan, key, day) -> 0;

  long used(String usagePlanId, String keyId, LocalDate day);
}
