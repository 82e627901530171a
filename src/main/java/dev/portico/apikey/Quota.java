package dev.portico.apikey;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A usage plan's quota, as API Gateway's {@code QuotaSettings}: at most {@code limit} requests per {@code period}
 * (DAY, WEEK or MONTH), of which {@code offset} are subtracted in the initial period (the one that holds
 * {@code start}, when the plan's quota was set). Periods are UTC calendar days, ISO weeks (from Monday) and calendar
 * months: AWS's pages do not say where API Gateway's begin, so Portico takes the boundaries a user reads on a
 * calendar.
 */
public record Quota(long limit, long offset, Period period, Instant start) {

    public enum Period { DAY, WEEK, MONTH;

        public static Period parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("quota period must be DAY, WEEK or MONTH, not '" + text + "'");
            }
        }
    }

    public Quota {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("quota limit and offset must not be negative");
        }
        if (period == null) {
            throw new IllegalArgumentException("a quota needs a period");
        }
    }

    /** The start of the period that holds {@code at}. */
    public Instant periodStart(Instant at) {
        ZonedDateTime time = at.atZone(ZoneOffset.UTC);
        LocalDate day = time.toLocalDate();
        LocalDate first = switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the period after the one that holds {@code at}. */
    public Instant periodEnd(Instant at) {
        ZonedDateTime start = periodStart(at).atZone(ZoneOffset.UTC);
        ZonedDateTime end = switch (period) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
        return end.toInstant();
    }

    /** The requests allowed in the period that holds {@code at}: the limit, less the offset in the first period. */
    public long limitAt(Instant at) {
        boolean initial = start != null && periodStart(start).equals(periodStart(at));
        return initial ? Math.max(0, limit - offset) : limit;
    }
}
