import type { Timestamp } from '../capture/record.js';
import { isoTime } from '../dissect/time.js';

/** tshark's -t: a absolute (UTC), r relative to the first PDU, d delta to the previous shown, e epoch. */
export type TimeMode = 'a' | 'r' | 'd' | 'e';

export const TIME_MODES: readonly TimeMode[] = ['a', 'r', 'd', 'e'];

const NANOS = 1_000_000_000n;

function toNanos(ts: Timestamp): bigint {
  return BigInt(ts.seconds) * NANOS + BigInt(ts.nanos);
}

/** Seconds with exactly `digits` decimals, computed in integers so no float rounding creeps in. */
function formatSeconds(nanos: bigint, digits: number): string {
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  const whole = abs / NANOS;
  if (digits <= 0) return `${sign}${whole}`;
  const fraction = (abs % NANOS).toString().padStart(9, '0').slice(0, digits);
  return `${sign}${whole}.${fraction}`;
}

/** UTC date and time with the capture's own digits: the JSON's ISO time, written for a column. */
function formatAbsolute(ts: Timestamp): string {
  return isoTime(ts).replace('T', ' ').slice(0, -1);
}

/** Formats the Time column; `see` every PDU in capture order (the reference), `show` the displayed ones. */
export class TimeColumn {
  private first: bigint | undefined;
  private previousShown: bigint | undefined;

  constructor(readonly mode: TimeMode) {}

  see(ts: Timestamp): void {
    this.first ??= toNanos(ts);
  }

  show(ts: Timestamp): string {
    const now = toNanos(ts);
    const previous = this.previousShown ?? now;
    this.previousShown = now;
    switch (this.mode) {
      case 'a':
        return formatAbsolute(ts);
      case 'e':
        return formatSeconds(now, ts.digits);
      case 'd':
        return formatSeconds(now - previous, ts.digits);
      case 'r':
        return formatSeconds(now - (this.first ?? now), ts.digits);
    }
  }
}
