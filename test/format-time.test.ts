import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Timestamp } from '../src/capture/record.js';
import { CaptureClock } from '../src/dissect/time.js';
import { TimeColumn, type TimeMode } from '../src/format/time-column.js';

// Local time is the zone's: 2 hours ahead of UTC in July.
process.env.TZ = 'Europe/Berlin';

const at = (seconds: number, nanos: number, digits = 6): Timestamp => ({ seconds, nanos, digits });
// 2026-01-02 03:04:05 UTC (04:04:05 in Berlin)
const T0 = 1767323045;
// 1998-07-09 16:00:00 UTC (18:00:00 in Berlin, summer time)
const JULY = 900000000;

/** The Time column over PDUs in capture order, each in a frame of its own; `shown` says which are displayed (all by default). */
function column(mode: TimeMode, stamps: Timestamp[], start = stamps[0]!, shown = stamps.map(() => true)): string[] {
  const clock = new TimeColumn(mode);
  const texts: string[] = [];
  stamps.forEach((timestamp, i) => {
    if (!shown[i]) return;
    texts.push(clock.text({ timestamp, start, previousFrame: stamps[i - 1] ?? timestamp }));
    clock.shown(timestamp);
  });
  return texts;
}

test('-t r counts from the capture\'s first frame, ICQ or not', () => {
  assert.deepEqual(column('r', [at(T0, 500_000_000), at(T0 + 2, 250_000_000)], at(T0, 0)), ['0.500000', '2.250000']);
});

test('-t d is the delta to the frame captured before, shown or not; -t dd to the previous shown one; the first is 0', () => {
  const stamps = [at(T0, 0), at(T0, 100_000), at(T0 + 1, 0), at(T0 + 1, 999_000)];
  const shown = [true, false, true, true];
  assert.deepEqual(column('d', stamps, stamps[0], shown), ['0.000000', '0.999900', '0.000999']);
  assert.deepEqual(column('dd', stamps, stamps[0], shown), ['0.000000', '1.000000', '0.000999']);
});

test('-t a and -t ad are local time (TZ), -t u and -t ud UTC, with the capture\'s own digits', () => {
  assert.deepEqual(column('a', [at(JULY, 200_000)]), ['18:00:00.000200']);
  assert.deepEqual(column('ad', [at(JULY, 200_000)]), ['1998-07-09 18:00:00.000200']);
  assert.deepEqual(column('ad', [at(T0, 123_456_789, 9)]), ['2026-01-02 04:04:05.123456789']);
  assert.deepEqual(column('u', [at(JULY, 200_000)]), ['16:00:00.000200']);
  assert.deepEqual(column('ud', [at(T0, 123_456_000)]), ['2026-01-02 03:04:05.123456']);
  assert.deepEqual(column('ud', [at(T0, 123_456_789, 9)]), ['2026-01-02 03:04:05.123456789']);
});

test('-t e is seconds since the epoch, exact (no float rounding)', () => {
  assert.deepEqual(column('e', [at(T0, 1_000, 9)]), ['1767323045.000001000']);
  assert.deepEqual(column('e', [at(T0, 999_999_000)]), ['1767323045.999999']);
});

test('a PDU earlier than the first frame gives a negative relative time', () => {
  assert.deepEqual(column('r', [at(T0, 250_000_000)], at(T0 + 1, 0)), ['-0.750000']);
});

test('the column counts time.delta since the previous shown PDU, 0 before the first', () => {
  const clock = new TimeColumn('r');
  assert.equal(clock.sinceShown(at(T0, 0)), 0);
  clock.shown(at(T0, 0));
  assert.equal(clock.sinceShown(at(T0 + 2, 300_000)), 2.0003);
});

test('the capture clock knows the frame before each frame, ICQ or not, for as long as its time is held', () => {
  const clock = new CaptureClock();
  const frames = [at(JULY, 0), at(JULY, 40_000_000), at(JULY, 40_000_000), at(JULY + 1, 0)];
  for (const frame of frames) clock.frame(frame);
  assert.deepEqual(frames.map((frame) => clock.previousFrame(frame)), [frames[0], frames[0], frames[1], frames[2]]);
  // A time no frame was told of (a PDU made by hand) counts from itself.
  const alone = at(JULY, 5);
  assert.equal(clock.previousFrame(alone), alone);
});

test('the capture clock keeps no frame\'s time alive that nothing else holds (no chain back to the first frame)', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const clock = new CaptureClock();
  clock.frame(at(JULY, 0)); // the start, kept
  let second: Timestamp | undefined = at(JULY, 1000);
  const gone = new WeakRef(second);
  clock.frame(second);
  second = undefined;
  for (let i = 2; i < 10; i++) clock.frame(at(JULY, i * 1000));
  await setImmediate();
  gc();
  assert.equal(gone.deref(), undefined);
});

test('the JSON time: ISO text, epoch a number exact to the microsecond, relative to the first frame, delta to the PDU before', () => {
  const clock = new CaptureClock();
  clock.frame(at(JULY, 0));
  clock.frame(at(JULY + 5, 0)); // a later frame does not move the start
  assert.deepEqual(clock.time(at(JULY, 200)), { absolute: '1998-07-09T16:00:00.000000Z', epoch: 900000000.0000002, relative: 2e-7, delta: 0 });
  const second = clock.time(at(JULY, 200_000));
  assert.deepEqual(second, { absolute: '1998-07-09T16:00:00.000200Z', epoch: 900000000.0002, relative: 0.0002, delta: 0.0001998 });
  assert.equal(JSON.stringify(second.epoch), '900000000.0002');
  // Every microsecond of a 2026 time prints back as itself.
  for (const micros of [1, 999_999, 123_457, 500_001]) assert.equal(String(clock.time(at(T0, micros * 1000)).epoch), `${T0}.${String(micros).padStart(6, '0').replace(/0+$/, '')}`);
  // Nanoseconds: the epoch is the nearest double (about 0.2 µs apart), relative and delta keep them.
  const ns = clock.time(at(JULY + 1, 123_456_789, 9));
  assert.equal(ns.absolute, '1998-07-09T16:00:01.123456789Z');
  assert.ok(Math.abs(ns.epoch - 900000001.123456789) < 2.5e-7);
  assert.equal(ns.relative, 1.123456789);
});
