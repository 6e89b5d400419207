import type { Timestamp } from '../capture/record.js';
import type { PduTime } from './pdu.js';

/** The whole-second part of the last time shown: neighbouring PDUs mostly share their second (a Date each cost 0.7 µs). */
let lastSeconds = NaN;
let lastWhole = '';

/** ISO 8601 UTC with exactly the capture's own number of fraction digits (6 for µs files, 9 for ns). */
export function isoTime(t: Timestamp): string {
  if (t.seconds !== lastSeconds) {
    lastWhole = utcDateTimeOf(t.seconds);
    lastSeconds = t.seconds;
  }
  return `${lastWhole}${fractionText(t.nanos, t.digits)}Z`;
}

const SECONDS_PER_DAY = 86_400;
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * "YYYY-MM-DDTHH:MM:SS" in UTC for whole seconds since 1970, for any year (years past 9999 or before 0
 * with a sign and six digits, as toISOString writes them): a pcapng tick count can reach far past the
 * ±275,000 years a Date holds, and tshark shows those times too. Days to a civil date by H. Hinnant's
 * algorithm (exact for any day count a double holds).
 */
export function utcDateTimeOf(seconds: number): string {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const inDay = seconds - days * SECONDS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  const time = `${two(Math.floor(inDay / 3600))}:${two(Math.floor(inDay / 60) % 60)}:${two(inDay % 60)}`;
  return `${yearText}-${two(month)}-${two(day)}T${time}`;
}

/** ".000200" for 200 µs with 6 digits; nothing for a capture without fractions. */
export function fractionText(nanos: number, digits: number): string {
  return digits <= 0 ? '' : `.${String(nanos).padStart(9, '0').slice(0, digits)}`;
}

/**
 * Seconds since the epoch as the nearest double: whole seconds plus the exactly divided fraction (one
 * rounding), so a microsecond time prints back with its own digits; nanoseconds are cut to about 0.2 µs.
 */
export function epochSeconds(t: Timestamp): number {
  return t.seconds + t.nanos / 1e9;
}

/** Seconds from `from` to `to`, computed in whole nanoseconds so 265 µs prints as 0.000265 (exact to the ns for 104 days). */
export function secondsBetween(from: Timestamp, to: Timestamp): number {
  return ((to.seconds - from.seconds) * 1e9 + (to.nanos - from.nanos)) / 1e9;
}

/**
 * Where a capture's PDU times count from: `time.relative` from its first frame (tshark's
 * frame.time_relative, ICQ or not), `time.delta` from the PDU before (all PDUs are displayed as far as
 * the dissector knows; the printer counts from the previous displayed one when a filter hides some), and
 * -t d from the frame captured before the PDU's (tshark's frame.time_delta).
 */
export class CaptureClock {
  /** The capture's first frame. */
  start: Timestamp | undefined;
  private previous: Timestamp | undefined;
  private lastFrame: Timestamp | undefined;
  /**
   * Each frame's time (the record's own object, which the network layer hands on as the payload's time)
   * to a copy of the time of the frame before it. Weak, so a frame's entry lives only as long as the
   * network layer holds its time: a PDU may end in a frame read batches ago (TCP reassembly, the end of
   * the capture). A copy, not the frame before's own object: that is a key too, and would keep its entry,
   * and so every earlier frame's, alive.
   */
  private readonly before = new WeakMap<Timestamp, Timestamp>();

  /** Told every frame of the capture, ICQ or not, in order, before the PDUs made from it. */
  frame(t: Timestamp): void {
    const last = this.lastFrame;
    this.before.set(t, last ? { seconds: last.seconds, nanos: last.nanos, digits: last.digits } : t);
    this.lastFrame = t;
    this.start ??= t;
  }

  /** The time of the frame captured before the one at `t`: its own for the first frame (or one never told). */
  previousFrame(t: Timestamp): Timestamp {
    return this.before.get(t) ?? t;
  }

  /** The time object of the next PDU in capture order. */
  time(t: Timestamp): PduTime {
    const time = pduTime(t, this.start ?? t, this.previous ?? t);
    this.previous = t;
    return time;
  }
}

export function pduTime(t: Timestamp, start: Timestamp, previous: Timestamp): PduTime {
  return { absolute: isoTime(t), epoch: epochSeconds(t), relative: secondsBetween(start, t), delta: secondsBetween(previous, t) };
}
