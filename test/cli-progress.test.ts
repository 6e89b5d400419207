import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Progress } from '../src/cli/progress.js';

function written(stream: PassThrough): string {
  return (stream.read() as Buffer | null)?.toString() ?? '';
}

test('progress: nothing in the first 250 ms, then one line per interval with frames, percent of the file and rate, erased at the end', () => {
  let clock = 1000;
  const stream = new PassThrough();
  const progress = new Progress(stream, 4000, () => clock);
  clock = 1200;
  progress.read(100);
  progress.tick(10, 12);
  assert.equal(written(stream), '');
  clock = 1500;
  progress.read(1000);
  progress.tick(100, 130);
  assert.equal(written(stream), '\r\x1b[Kframe 130 (25% of the file), 100 PDUs, 260 frames/s');
  clock = 1600;
  progress.tick(150, 190);
  assert.equal(written(stream), '');
  progress.clear();
  assert.equal(written(stream), '\r\x1b[K');
});

test('progress without a known file size (stdin) shows no percent; nothing drawn means nothing to erase', () => {
  let clock = 0;
  const stream = new PassThrough();
  const quiet = new Progress(stream, undefined, () => clock);
  quiet.clear();
  assert.equal(written(stream), '');
  clock = 2000;
  quiet.tick(50, 60);
  assert.equal(written(stream), '\r\x1b[Kframe 60, 50 PDUs, 30 frames/s');
});
