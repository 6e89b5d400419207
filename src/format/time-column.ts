import type { Timestamp } from '../capture/record.js';
import { isoTime } from '../dissect/time.js';

/** tshark's -t: a absolute (UTC), r relative to the first PDU, d delta to the previous shown, e epoch. */
export type TimeMode = 'a' | 'r' | 'd' | 'e';

export const TIME_MODES: readonly TimeMode[] = ['a', 'r', 'd', 'e'];

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
  const sign = negative ? '-' : '';
  if (digits <= 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(9, '0').slice(0, digits)}`;
}

/** UTC date and time with the capture's own digits: the JSON's ISO time, written for a column. */
function formatAbsolute(ts: Timestamp): string {
  return isoTime(ts).replace('T', ' ').slice(0, -1);
}

/** Formats the Time column; `see` every PDU in capture order (the reference), `show` the displayed ones. */
export class TimeColumn {
  private first: Span | undefined;
  private previousShown: Span | undefined;

  constructor(readonly mode: TimeMode) {}

  see(ts: Timestamp): void {
    this.first ??= ts;
  }

  show(ts: Timestamp): string {
    const previous = this.previousShown ?? ts;
    this.previousShown = ts;
    switch (this.mode) {
      case 'a':
        return formatAbsolute(ts);
      case 'e':
        return formatSeconds(ts, ts.digits);
      case 'd':
        return formatSeconds(between(ts, previous), ts.digits);
      case 'r':
        return formatSeconds(between(ts, this.first ?? ts), ts.digits);
    }
  }
}
