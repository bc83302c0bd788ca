package dev.stratus.apigateway.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The period of a usage plan quota (apigateway.md §13), in UTC. {@link #start} gives the instant
 * the period containing {@code now} began, so a counter keyed on it resets when a period ends.
 */
public enum QuotaPeriod {
  /** A UTC day. */
  DAY,
  /** A week starting Monday 00:00 UTC (offset: days later). */
  WEEK,
  /** A calendar month starting on the 1st (offset: days later). */
  MONTH;

  /** The start of the period containing {@code now}, shifted by {@code offset} days for WEEK and MONTH. */
  public Instant start(Instant now, int offset) {
    LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate start = switch (this) {
      case DAY -> day;
      case WEEK -> {
        LocalDate s = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(offset);
        yield s.isAfter(day) ? s.minusWeeks(1) : s;
      }
      case MONTH -> {
        LocalDate s = day.withDayOfMonth(1).plusDays(offset);
        yield s.isAfter(day) ? s.minusMonths(1) : s;
      }
    };
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The end (exclusive) of the period that starts at {@code start}. */
  public Instant end(Instant start) {
    LocalDate s = start.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate e = switch (this) {
      case DAY -> s.plusDays(1);
      case WEEK -> s.plusWeeks(1);
      case MONTH -> s.plusMonths(1);
    };
    return e.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The period named by AWS's wire value; {@code null} when unknown. */
  public static QuotaPeriod fromAws(String value) {
    for (QuotaPeriod p : values()) if (p.name().equals(value)) return p;
    return null;
  }
}
