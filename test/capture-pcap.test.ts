import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { openCapture, readCapture } from '../src/capture/open.js';
import { writePcap, type WritableRecord } from '../src/writers/write-pcap.js';
import { collect } from './capture-collect.js';

const FRAMES: WritableRecord[] = [
  { time: { seconds: 1_000_000_000, nanos: 123_456_789, digits: 9 }, bytes: Buffer.from('0102030405', 'hex'), originalLength: 60 },
  { time: { seconds: 1_000_000_001, nanos: 999_999_999, digits: 9 }, bytes: Buffer.from('aabbcc', 'hex') },
  { time: { seconds: 1_000_000_002, nanos: 0, digits: 9 }, bytes: Buffer.alloc(10, 0x11) },
];

const read = (file: Buffer) => collect(readCapture(Readable.from([file]), 'test.pcap'));

for (const bigEndian of [false, true]) {
  const order = bigEndian ? 'big-endian' : 'little-endian';

  test(`${order} microsecond pcap: every field of every record`, async () => {
    const { records, error } = await read(writePcap(FRAMES, { linkType: 1, snapLength: 1500, bigEndian }));
    assert.equal(error, undefined);
    assert.deepEqual(
      records.map((r) => [r.index, r.time, r.linkType, r.interfaceId, r.snapLength, r.capturedLength, r.originalLength, r.bytes.toString('hex')]),
      [
        [1, { seconds: 1_000_000_000, nanos: 123_456_000, digits: 6 }, 1, 0, 1500, 5, 60, '0102030405'],
        [2, { seconds: 1_000_000_001, nanos: 999_999_000, digits: 6 }, 1, 0, 1500, 3, 3, 'aabbcc'],
        [3, { seconds: 1_000_000_002, nanos: 0, digits: 6 }, 1, 0, 1500, 10, 10, '11'.repeat(10)],
      ],
    );
  });

  test(`${order} nanosecond pcap keeps all nine digits`, async () => {
    const { records, error } = await read(writePcap(FRAMES, { linkType: 101, nanosecond: true, bigEndian }));
    assert.equal(error, undefined);
    assert.deepEqual(
      records.map((r) => [r.time, r.linkType, r.snapLength]),
      [
        [{ seconds: 1_000_000_000, nanos: 123_456_789, digits: 9 }, 101, 262144],
        [{ seconds: 1_000_000_001, nanos: 999_999_999, digits: 9 }, 101, 262144],
        [{ seconds: 1_000_000_002, nanos: 0, digits: 9 }, 101, 262144],
      ],
    );
  });
}

const whole = writePcap(FRAMES, { linkType: 1 }); // records of 16+5, 16+3, 16+10 bytes after the 24-byte header

test('truncated in a record body: earlier records first, then the error', async () => {
  const { records, error } = await read(whole.subarray(0, whole.length - 5));
  assert.deepEqual(records.map((r) => r.index), [1, 2]);
  assert.equal(error?.kind, 'truncated');
  assert.equal(error?.message, 'cut short in record 3 (21 of 26 bytes)');
  assert.equal(error?.file, 'test.pcap');
});

test('truncated in a record header', async () => {
  const { records, error } = await read(whole.subarray(0, 24 + 21 + 10));
  assert.deepEqual(records.map((r) => r.index), [1]);
  assert.equal(error?.kind, 'truncated');
  assert.equal(error?.message, 'cut short in record 2 (10 of 16 header bytes)');
});

test('truncated in the file header', async () => {
  const { records, error } = await read(whole.subarray(0, 10));
  assert.equal(records.length, 0);
  assert.equal(error?.kind, 'truncated');
  assert.equal(error?.message, 'cut short in the file header (10 of 24 bytes)');
});

test('a header with no records is a valid, empty capture', async () => {
  const { records, error } = await read(writePcap([], { linkType: 1 }));
  assert.equal(records.length, 0);
  assert.equal(error, undefined);
});

test('corrupt captured length: stops at once with the records before it', async () => {
  const file = Buffer.from(whole);
  file.writeUInt32LE(0x7fffffff, 24 + 21 + 8); // record 2's captured length
  const { records, error } = await read(file);
  assert.deepEqual(records.map((r) => r.index), [1]);
  assert.equal(error?.kind, 'corrupt');
  assert.equal(error?.message, 'record 2: captured length 2147483647 exceeds 262144 bytes');
});

test('records above the snap length are read as they are (as tshark); above 256 KiB is corruption', async () => {
  const small = await read(writePcap(FRAMES, { linkType: 1, snapLength: 4 }));
  assert.equal(small.error, undefined);
  assert.deepEqual(small.records.map((r) => [r.snapLength, r.capturedLength, r.bytes.toString('hex')]), FRAMES.map((f) => [4, f.bytes.length, f.bytes.toString('hex')]));

  const unlimited = writePcap([{ time: FRAMES[0]!.time, bytes: Buffer.alloc(8) }], { linkType: 1, snapLength: 0 });
  unlimited.writeUInt32LE(300_000, 24 + 8);
  const big = await read(unlimited);
  assert.equal(big.error?.kind, 'corrupt');
  assert.equal(big.error?.message, 'record 1: captured length 300000 exceeds 262144 bytes');
});

test('the later records of a chunk are not yielded after a corrupt one', async () => {
  // record 1 claims 300000 bytes, which are all present; the zeros after them would parse as empty records
  const file = Buffer.concat([writePcap(FRAMES, { linkType: 1, snapLength: 0 }), Buffer.alloc(400_000)]);
  file.writeUInt32LE(300_000, 24 + 8);
  const { records, error } = await read(file);
  assert.equal(records.length, 0);
  assert.equal(error?.message, 'record 1: captured length 300000 exceeds 262144 bytes');
});

test('an unsupported pcap version is reported, not thrown past the reader', async () => {
  const file = Buffer.from(whole);
  file.writeUInt16LE(3, 4);
  file.writeUInt16LE(0, 6);
  const { records, error } = await read(file);
  assert.equal(records.length, 0);
  assert.equal(error?.kind, 'corrupt');
  assert.equal(error?.message, 'bad pcap file header: unsupported version 3.0. pcap-parser only parses libpcap file format 2.4');
});

test('the genuine mICQ 0.2.5 capture: 32 Ethernet records', async () => {
  const { records, error } = await collect(openCapture(new URL('./data/micq-0.2.5-session.pcap', import.meta.url).pathname));
  assert.equal(error, undefined);
  assert.equal(records.length, 32);
  assert.deepEqual(records.map((r) => r.index), Array.from({ length: 32 }, (_, i) => i + 1));
  const first = records[0]!;
  assert.deepEqual(first.time, { seconds: 1_795_469_703, nanos: 802_543_000, digits: 6 });
  assert.deepEqual(
    [first.linkType, first.snapLength, first.capturedLength, first.originalLength],
    [1, 262144, 92, 92],
  );
  assert.equal(first.bytes.subarray(12, 14).toString('hex'), '0800');
});
