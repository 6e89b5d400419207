import type { Timestamp } from '../capture/record.js';

/** The whole-second part of the last time shown: neighbouring PDUs mostly share their second (a Date each cost 0.7 µs). */
let lastSeconds = NaN;
let lastWhole = '';

/** ISO 8601 UTC with exactly the capture's own number of fraction digits (6 for µs files, 9 for ns). */
export function isoTime(t: Timestamp): string {
  if (t.seconds !== lastSeconds) {
    lastWhole = new Date(t.seconds * 1000).toISOString().slice(0, 19);
    lastSeconds = t.seconds;
  }
  if (t.digits <= 0) return `${lastWhole}Z`;
  return `${lastWhole}.${String(t.nanos).padStart(9, '0').slice(0, t.digits)}Z`;
}
