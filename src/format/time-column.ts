import type { Timestamp } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { fractionText, isoTime, secondsBetween, utcDateTimeOf } from '../dissect/time.js';

/**
 * tshark's -t: a local time of day, ad local date and time, u UTC time of day, ud UTC date and time,
 * e epoch seconds, r since the capture's first frame, d since the frame captured before (ICQ or not), dd
 * since the previous displayed PDU: tshark's frame.time_relative, frame.time_delta, frame.time_delta_displayed.
 */
export type TimeMode = 'a' | 'ad' | 'u' | 'ud' | 'e' | 'r' | 'd' | 'dd';

export const TIME_MODES: readonly TimeMode[] = ['a', 'ad', 'u', 'ud', 'e', 'r', 'd', 'dd'];

const NANOS = 1_000_000_000;

/** A signed span of time in whole seconds and nanoseconds (0 ... 999 999 999), exact without BigInt. */
interface Span {
  seconds: number;
  nanos: number;
}

function between(later: Timestamp, earlier: Span): Span {
  let seconds = later.seconds - earlier.seconds;
  let nanos = later.nanos - earlier.nanos;
  if (nanos < 0) {
    seconds -= 1;
    nanos += NANOS;
  }
  return { seconds, nanos };
}

/** Seconds with exactly `digits` decimals, computed in integers so no float rounding creeps in. */
function formatSeconds({ seconds, nanos }: Span, digits: number): string {
  const negative = seconds < 0;
  // -1.25 s is held as -2 s + 0.75 s.
  const whole = negative ? (nanos > 0 ? -seconds - 1 : -seconds) : seconds;
  const fraction = negative && nanos > 0 ? NANOS - nanos : nanos;
  return `${negative ? '-' : ''}${whole}${fractionText(fraction, digits)}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The whole-second part of the last local time shown (a Date each cost 0.7 µs). */
let localSeconds = NaN;
let localWhole = '';

/** Local date and time (TZ), "1998-07-09 18:00:00.000200", with the capture's own digits. */
function localDateTime(ts: Timestamp): string {
  if (ts.seconds !== localSeconds) {
    const d = new Date(ts.seconds * 1000);
    // A time no Date holds (a pcapng tick count can reach that far) has no local reading: shown in UTC.
    localWhole = Number.isNaN(d.getTime()) ? utcDateTimeOf(ts.seconds).replace('T', ' ') : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
    localSeconds = ts.seconds;
  }
  return localWhole + fractionText(ts.nanos, ts.digits);
}

/** UTC date and time with the capture's own digits: the JSON's ISO time, written for a column. */
const utcDateTime = (ts: Timestamp): string => isoTime(ts).replace('T', ' ').slice(0, -1);

/** The time of day of a date and time: what follows "YYYY-MM-DD " (a year past 9999 is longer). */
const timeOfDay = (dateTime: string): string => dateTime.slice(dateTime.indexOf(' ') + 1);

/**
 * The Time column (table, and `-e time` of -T fields): `text` the reading of a PDU, `shown` once it was
 * displayed (what -t dd and the JSON's time.delta under a filter count from).
 */
export class TimeColumn {
  private previousShown: Timestamp | undefined;

  constructor(readonly mode: TimeMode) {}

  /** Seconds since the previous displayed PDU (0 before the first): the JSON's time.delta. */
  sinceShown(ts: Timestamp): number {
    return secondsBetween(this.previousShown ?? ts, ts);
  }

  shown(ts: Timestamp): void {
    this.previousShown = ts;
  }

  text({ timestamp: ts, start, previousFrame }: Pick<DissectedPdu, 'timestamp' | 'start' | 'previousFrame'>): string {
    switch (this.mode) {
      case 'a':
        return timeOfDay(localDateTime(ts));
      case 'ad':
        return localDateTime(ts);
      case 'u':
        return timeOfDay(utcDateTime(ts));
      case 'ud':
        return utcDateTime(ts);
      case 'e':
        return formatSeconds(ts, ts.digits);
      case 'r':
        return formatSeconds(between(ts, start), ts.digits);
      case 'd':
        return formatSeconds(between(ts, previousFrame), ts.digits);
      case 'dd':
        return formatSeconds(between(ts, this.previousShown ?? ts), ts.digits);
    }
  }
}
