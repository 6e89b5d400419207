import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeColumn } from '../src/format/time-column.js';

const at = (seconds: number, nanos: number, digits = 6) => ({ seconds, nanos, digits });
// 2026-01-02 03:04:05 UTC
const T0 = 1767323045;

function shown(column: TimeColumn, stamps: ReturnType<typeof at>[]): string[] {
  for (const stamp of stamps) column.see(stamp);
  return stamps.slice(1).map((stamp) => column.show(stamp));
}

test('-t r counts from the first PDU seen, even when it is not shown', () => {
  const column = new TimeColumn('r');
  column.see(at(T0, 500_000_000));
  assert.equal(column.show(at(T0 + 2, 250_000_000)), '1.750000');
  assert.equal(column.show(at(T0 + 1, 0)), '0.500000');
});

test('-t d is the delta to the previous shown PDU, the first shown being 0', () => {
  assert.deepEqual(shown(new TimeColumn('d'), [at(T0, 0), at(T0, 100_000), at(T0 + 1, 0), at(T0 + 1, 999_000)]), [
    '0.000000',
    '0.999900',
    '0.000999',
  ]);
});

test('-t a is UTC with the capture\'s own digits (6 or 9)', () => {
  assert.equal(new TimeColumn('a').show(at(T0, 123_456_000)), '2026-01-02 03:04:05.123456');
  assert.equal(new TimeColumn('a').show(at(T0, 123_456_789, 9)), '2026-01-02 03:04:05.123456789');
});

test('-t e is seconds since the epoch, exact (no float rounding)', () => {
  assert.equal(new TimeColumn('e').show(at(T0, 1_000, 9)), '1767323045.000001000');
  assert.equal(new TimeColumn('e').show(at(T0, 999_999_000)), '1767323045.999999');
});

test('a PDU earlier than the reference gives a negative relative time', () => {
  const column = new TimeColumn('r');
  column.see(at(T0 + 1, 0));
  assert.equal(column.show(at(T0, 250_000_000)), '-0.750000');
});
