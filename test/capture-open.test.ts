import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { openCapture, readCapture } from '../src/capture/open.js';
import type { CaptureRecord } from '../src/capture/record.js';
import { writePcap } from '../src/writers/write-pcap.js';
import { writePcapng } from '../src/writers/write-pcapng.js';
import { chunked, collect } from './capture-collect.js';

const TIME = { seconds: 1_234_567_890, nanos: 987_654_000, digits: 6 };
const FRAMES = [
  { time: TIME, bytes: Buffer.from('000102030405060708090a0b0c0d0e0f10', 'hex') },
  { time: { ...TIME, seconds: TIME.seconds + 1 }, bytes: Buffer.from('cafe', 'hex'), originalLength: 70 },
];
const PCAP = writePcap(FRAMES, { linkType: 1 });
const PCAPNG = writePcapng([
  { interfaces: [{ linkType: 1, snapLength: 262144 }], packets: FRAMES.map((f) => ({ ...f, interfaceId: 0 })) },
  { bigEndian: true, interfaces: [{ linkType: 1, snapLength: 262144 }], packets: [{ ...FRAMES[0]!, interfaceId: 0 }] },
]);

/** What both files hold, in the same form. */
const summary = (r: CaptureRecord) => [r.index, r.time, r.linkType, r.snapLength, r.capturedLength, r.originalLength, r.bytes.toString('hex')];
const EXPECTED = [
  [1, TIME, 1, 262144, 17, 17, '000102030405060708090a0b0c0d0e0f10'],
  [2, { ...TIME, seconds: 1_234_567_891 }, 1, 262144, 2, 70, 'cafe'],
];
const EXPECTED_PCAPNG = [...EXPECTED, [3, TIME, 1, 262144, 17, 17, '000102030405060708090a0b0c0d0e0f10']];

const read = (bytes: Buffer, name = 'in') => collect(readCapture(Readable.from([bytes]), name));

for (const [name, file, expected] of [['pcap', PCAP, EXPECTED], ['pcapng', PCAPNG, EXPECTED_PCAPNG]] as const) {
  test(`${name} in 7-byte chunks, as from a pipe`, async () => {
    const { records, error } = await collect(readCapture(chunked(file, 7), '-'));
    assert.equal(error, undefined);
    assert.deepEqual(records.map(summary), expected);
  });

  test(`gzipped ${name}, whole and in 7-byte chunks`, async () => {
    const zipped = gzipSync(file);
    assert.deepEqual((await read(zipped)).records.map(summary), expected);
    const { records, error } = await collect(readCapture(chunked(zipped, 7), '-'));
    assert.equal(error, undefined);
    assert.deepEqual(records.map(summary), expected);
  });
}

test('openCapture reads a file from disk, gzipped or not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capture-open-'));
  writeFileSync(join(dir, 'plain.pcap'), PCAP);
  writeFileSync(join(dir, 'packed.pcapng.gz'), gzipSync(PCAPNG));
  assert.deepEqual((await collect(openCapture(join(dir, 'plain.pcap')))).records.map(summary), EXPECTED);
  assert.deepEqual((await collect(openCapture(join(dir, 'packed.pcapng.gz')))).records.map(summary), EXPECTED_PCAPNG);
  rmSync(dir, { recursive: true });
});

test('several captures read as one: frame numbers continue, onRead counts over all, errors name their file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capture-open-'));
  const [plain, packed, cut] = ['plain.pcap', 'packed.pcapng.gz', 'cut.pcap'].map((name) => join(dir, name)) as [string, string, string];
  writeFileSync(plain, PCAP);
  writeFileSync(packed, gzipSync(PCAPNG));
  writeFileSync(cut, PCAP.subarray(0, PCAP.length - 1));
  const seen: number[] = [];
  const inputs = [{ path: plain, name: 'a' }, { path: packed, name: 'b' }, { path: plain, name: 'c' }];
  const { records, error } = await collect(openCapture(inputs, { onRead: (n) => seen.push(n) }));
  assert.equal(error, undefined);
  const renumbered = (rows: readonly (readonly unknown[])[], by: number) => rows.map(([index, ...rest]) => [(index as number) + by, ...rest]);
  assert.deepEqual(records.map(summary), [...EXPECTED, ...renumbered(EXPECTED_PCAPNG, 2), ...renumbered(EXPECTED, 5)]);
  assert.equal(seen.at(-1), 2 * PCAP.length + gzipSync(PCAPNG).length);
  const damaged = await collect(openCapture([{ path: plain, name: 'first' }, { path: cut, name: 'second' }]));
  assert.deepEqual([damaged.records.map((r) => r.index), damaged.error?.kind, damaged.error?.file], [[1, 2, 3], 'truncated', 'second']);
  rmSync(dir, { recursive: true });
});

test('an empty file, and empty gzipped data', async () => {
  for (const bytes of [Buffer.alloc(0), gzipSync(Buffer.alloc(0))]) {
    const { records, error } = await read(bytes, 'empty.pcap');
    assert.equal(records.length, 0);
    assert.equal(error?.kind, 'empty');
    assert.equal(error?.message, 'file is empty');
    assert.equal(error?.file, 'empty.pcap');
  }
});

test('not a capture file: names the first bytes', async () => {
  const long = await read(Buffer.from('Hello, world\n'));
  assert.equal(long.error?.kind, 'not-a-capture');
  assert.equal(long.error?.message, 'not a capture file (starts with 48 65 6c 6c)');
  const short = await read(Buffer.from('Hi'));
  assert.equal(short.error?.message, 'not a capture file (starts with 48 69)');
});

test('damaged and cut gzip data', async () => {
  const zipped = gzipSync(PCAP);
  const cut = await read(zipped.subarray(0, zipped.length - 12));
  assert.equal(cut.error?.kind, 'truncated');
  assert.equal(cut.error?.message, 'gzip data cut short');

  const damaged = Buffer.from(zipped);
  damaged[3] = 0xff; // reserved flag bits
  const bad = await read(damaged);
  assert.equal(bad.error?.kind, 'corrupt');
  assert.match(bad.error?.message ?? '', /^gzip data damaged \(/);
});

test('a missing file, and a directory', async () => {
  const missing = await collect(openCapture('/nonexistent/capture.pcap'));
  assert.equal(missing.error?.kind, 'missing');
  assert.equal(missing.error?.message, 'no such file');
  assert.equal(missing.error?.file, '/nonexistent/capture.pcap');

  const directory = await collect(openCapture(tmpdir()));
  assert.equal(directory.error?.kind, 'io');
  assert.equal(directory.error?.message, 'cannot read (EISDIR: illegal operation on a directory, read)');
});

test('stopping early releases the input stream', async () => {
  const input = chunked(PCAP, 7);
  for await (const record of readCapture(input, '-')) {
    assert.equal(record.index, 1);
    break;
  }
  assert.equal(input.destroyed, true);
});

test('onRead reports the bytes read from the input (compressed bytes for gzip), ending at its size', async () => {
  for (const [data, count] of [[PCAP, 2], [gzipSync(PCAPNG), 3]] as const) {
    const seen: number[] = [];
    const { records } = await collect(readCapture(chunked(data, 7), 'progress', { onRead: (n) => seen.push(n) }));
    assert.equal(records.length, count);
    assert.equal(seen.at(-1), data.length);
    assert.ok(seen.every((n, i) => i === 0 || n > seen[i - 1]!));
  }
});
