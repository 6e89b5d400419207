import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageCutter } from '../src/net/icq-message-cutter.js';

const origin = { frame: 1, time: { seconds: 0, nanos: 0, digits: 6 }, seq: 0 };

test('the bytes a cutter keeps between messages own their memory: no read chunk or 8 KiB pool slab is kept alive by them', () => {
  const chunk = Buffer.alloc(64 * 1024);
  // one whole message (LENGTH 3 + 3 bytes) and the first byte of the next, as a view into the big chunk
  chunk.set([0x03, 0x00, 0xff, 0x02, 0x00, 0x05], 100);
  const cutter = new MessageCutter(false, { note: () => {}, count: () => {} });
  const messages = cutter.push(chunk.subarray(100, 106), origin);
  assert.deepEqual(messages.map((m) => m.bytes.toString('hex')), ['0300ff0200']);
  const kept = (cutter as unknown as { pending: Buffer }).pending;
  assert.equal(kept.toString('hex'), '05');
  assert.equal(kept.buffer.byteLength, 1, `pending keeps ${kept.buffer.byteLength} bytes alive`);
});
