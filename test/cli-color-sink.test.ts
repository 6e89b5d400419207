import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { decideColor } from '../src/cli/color.js';
import { OutputSink } from '../src/cli/output-sink.js';

test('--color: always and never win; auto follows FORCE_COLOR, then NO_COLOR, then the terminal', () => {
  assert.equal(decideColor('always', { NO_COLOR: '1' }, false), true);
  assert.equal(decideColor('never', { FORCE_COLOR: '1' }, true), false);
  assert.equal(decideColor('auto', {}, true), true);
  assert.equal(decideColor('auto', {}, false), false);
  assert.equal(decideColor('auto', { NO_COLOR: '1' }, true), false);
  assert.equal(decideColor('auto', { NO_COLOR: '' }, true), true);
  assert.equal(decideColor('auto', { FORCE_COLOR: '1' }, false), true);
  assert.equal(decideColor('auto', { FORCE_COLOR: '0' }, true), false);
});

test('OutputSink waits for drain, so a slow reader gets everything in order', async () => {
  const received: string[] = [];
  const slow = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk.toString());
      setImmediate(done);
    },
  });
  const sink = new OutputSink(slow);
  for (const text of ['first line\n', 'second line\n', 'third\n']) await sink.write(text);
  await new Promise<void>((resolve) => slow.end(resolve));
  assert.deepEqual(received, ['first line\n', 'second line\n', 'third\n']);
});

test('OutputSink: a reader that went away (EPIPE) closes the sink quietly; later writes are dropped', async () => {
  const written: string[] = [];
  const gone = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (written.length === 1) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        return;
      }
      written.push(chunk.toString());
      done();
    },
  });
  const sink = new OutputSink(gone);
  await sink.write('one\n');
  await sink.write('two\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sink.closed, true);
  await sink.write('three\n');
  assert.deepEqual(written, ['one\n']);
});

test('OutputSink: another write error stops the output and is kept for the caller', async () => {
  const full = new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    },
  });
  const sink = new OutputSink(full);
  await sink.write('data\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([sink.closed, sink.error?.message], [true, 'no space left on device']);
});
