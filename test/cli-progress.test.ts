import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Progress } from '../src/cli/progress.js';

function written(stream: PassThrough): string {
  return (stream.read() as Buffer | null)?.toString() ?? '';
}

test('progress: nothing in the first 250 ms, then one line per interval with percent and rate, erased at the end', () => {
  let clock = 1000;
  const stream = new PassThrough();
  const progress = new Progress(stream, 400, () => clock);
  clock = 1200;
  progress.tick(10, 12);
  assert.equal(written(stream), '');
  clock = 1500;
  progress.tick(100, 130);
  assert.equal(written(stream), '\r\x1b[K100 PDUs (25%), frame 130, 200 PDUs/s');
  clock = 1600;
  progress.tick(150, 190);
  assert.equal(written(stream), '');
  progress.clear();
  assert.equal(written(stream), '\r\x1b[K');
});

test('progress without a known total shows no percent; nothing drawn means nothing to erase', () => {
  let clock = 0;
  const stream = new PassThrough();
  const quiet = new Progress(stream, undefined, () => clock);
  quiet.clear();
  assert.equal(written(stream), '');
  clock = 2000;
  quiet.tick(50, 60);
  assert.equal(written(stream), '\r\x1b[K50 PDUs, frame 60, 25 PDUs/s');
});
