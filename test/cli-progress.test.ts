import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Progress, progressWanted } from '../src/cli/progress.js';

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

test('drawn without --progress only when stderr is a terminal and the output a regular file or /dev/null; the flags decide alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'icq2-progress-'));
  const fds = { file: openSync(join(dir, 'out'), 'w'), null: openSync('/dev/null', 'w'), zero: openSync('/dev/zero', 'r') };
  try {
    assert.equal(progressWanted(undefined, true, 'stdout', fds.file), true);
    assert.equal(progressWanted(undefined, true, 'stdout', fds.null), true);
    assert.equal(progressWanted(undefined, true, 'stdout', fds.zero), false, 'another character device (a terminal is one too)');
    assert.equal(progressWanted(undefined, false, 'stdout', fds.file), false, 'stderr not a terminal');
    assert.equal(progressWanted(undefined, true, 'file', fds.zero), true, 'unknowns -o FILE writes a file of its own');
    assert.equal(progressWanted(true, false, 'stdout', fds.zero), true);
    assert.equal(progressWanted(false, true, 'stdout', fds.null), false);
  } finally {
    for (const fd of Object.values(fds)) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});

const batch = (...frames: number[]) => frames.map((frame) => ({ pdu: { frame } }));

test('over: counts the PDUs of each batch on the line, and erases it when the reading stops early or fails', async () => {
  let clock = 0;
  const stream = new PassThrough();
  const progress = new Progress(stream, undefined, () => clock);
  async function* batches() {
    clock = 500;
    yield batch(3, 4);
    clock = 1000;
    yield batch(9);
    throw new Error('cut short');
  }
  const seen: number[] = [];
  await assert.rejects(async () => {
    for await (const b of progress.over(batches())) seen.push(...b.map((d) => d.pdu.frame));
  }, /cut short/);
  assert.deepEqual(seen, [3, 4, 9]);
  assert.equal(written(stream), '\r\x1b[Kframe 4, 2 PDUs, 8 frames/s\r\x1b[Kframe 9, 3 PDUs, 9 frames/s\r\x1b[K');
  clock = 0;
  const early = new Progress(stream, undefined, () => clock);
  for await (const _ of early.over(batches())) break;
  assert.equal(written(stream), '\r\x1b[Kframe 4, 2 PDUs, 8 frames/s\r\x1b[K');
});
