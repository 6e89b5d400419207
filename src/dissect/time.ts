import type { Timestamp } from '../capture/record.js';

/** ISO 8601 UTC with exactly the capture's own number of fraction digits (6 for µs files, 9 for ns). */
export function isoTime(t: Timestamp): string {
  const whole = new Date(t.seconds * 1000).toISOString().slice(0, 19);
  if (t.digits <= 0) return `${whole}Z`;
  return `${whole}.${String(t.nanos).padStart(9, '0').slice(0, t.digits)}Z`;
}
