import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readCapture } from '../src/capture/open.js';
import type { CaptureRecord } from '../src/capture/record.js';
import { writePcapng, type PcapngSection } from '../src/writers/write-pcapng.js';
import { collect } from './capture-collect.js';

const read = (file: Buffer) => collect(readCapture(Readable.from([file]), 'test.pcapng'));
const summary = (r: CaptureRecord) => [r.index, r.interfaceId, r.linkType, r.snapLength, r.time, r.capturedLength, r.originalLength, r.bytes.toString('hex')];

/** Little-endian 32-bit words, for hand-built blocks. */
function words(...values: number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return bytes;
}

/** A little-endian block around a body already padded to 32 bits. */
function block(type: number, body: Buffer): Buffer {
  return Buffer.concat([words(type, body.length + 12), body, words(body.length + 12)]);
}

const T1 = { seconds: 1_600_000_000, nanos: 654_321_987, digits: 9 };
const T2 = { seconds: 1_600_000_001, nanos: 5_000, digits: 9 };

function twoInterfaces(bigEndian: boolean): PcapngSection {
  return {
    bigEndian,
    interfaces: [{ linkType: 1, snapLength: 1500 }, { linkType: 228 }],
    packets: [
      { interfaceId: 1, time: T1, bytes: Buffer.from('4500', 'hex'), originalLength: 40 },
      { interfaceId: 0, time: T2, bytes: Buffer.from('ffffffffffff', 'hex') },
    ],
  };
}

for (const bigEndian of [false, true]) {
  test(`${bigEndian ? 'big' : 'little'}-endian section with two interfaces of different link types`, async () => {
    const { records, error } = await read(writePcapng([twoInterfaces(bigEndian)]));
    assert.equal(error, undefined);
    assert.deepEqual(records.map(summary), [
      [1, 1, 228, 0, { seconds: 1_600_000_000, nanos: 654_321_000, digits: 6 }, 2, 40, '4500'],
      [2, 0, 1, 1500, { seconds: 1_600_000_001, nanos: 5_000, digits: 6 }, 6, 6, 'ffffffffffff'],
    ]);
  });
}

test('two sections: interfaces renumber, byte order and resolution change, frame numbers go on', async () => {
  const file = writePcapng([
    twoInterfaces(false),
    {
      bigEndian: true,
      interfaces: [{ linkType: 101, tsresolDigits: 9 }],
      packets: [{ interfaceId: 0, time: T1, bytes: Buffer.from('45', 'hex') }],
    },
  ]);
  const { records, error } = await read(file);
  assert.equal(error, undefined);
  assert.deepEqual(records.map(summary)[2], [3, 0, 101, 0, T1, 1, 1, '45']);
  assert.deepEqual(records.map((r) => r.index), [1, 2, 3]);
});

test('if_tsresol 10^-9 and 10^-3', async () => {
  const file = writePcapng([
    {
      interfaces: [{ linkType: 1, tsresolDigits: 9 }, { linkType: 1, tsresolDigits: 3 }],
      packets: [
        { interfaceId: 0, time: T1, bytes: Buffer.alloc(1) },
        { interfaceId: 1, time: T1, bytes: Buffer.alloc(1) },
      ],
    },
  ]);
  const { records } = await read(file);
  assert.deepEqual(records.map((r) => r.time), [
    { seconds: 1_600_000_000, nanos: 654_321_987, digits: 9 },
    { seconds: 1_600_000_000, nanos: 654_000_000, digits: 3 },
  ]);
});

// SHB (28 bytes) and an IDB (20 bytes): link type 1, snap length 4, microseconds
const header = writePcapng([{ interfaces: [{ linkType: 1, snapLength: 4 }], packets: [] }]);

test('if_tsresol 2^-20 with if_tsoffset 1000 s', async () => {
  const idb = block(1, Buffer.concat([
    words(1, 0), // link type 1, snap length 0
    words(0x0001_0009, 0x94), // if_tsresol: 2^-20
    words(0x0008_000e, 1000, 0), // if_tsoffset: 1000 s
    words(0), // opt_endofopt
  ]));
  const epb = block(6, words(0, 0, (5 << 20) + 3, 1, 1, 0xee));
  const { records, error } = await read(Buffer.concat([header.subarray(0, 28), idb, epb]));
  assert.equal(error, undefined);
  assert.deepEqual(records.map(summary), [[1, 0, 1, 0, { seconds: 1005, nanos: 2861, digits: 9 }, 1, 1, 'ee']]);
});

test('Simple Packet Block: captured length limited by the snap length; unknown block skipped', async () => {
  const unknown = block(0x0bad, words(1, 2));
  const spb = block(3, Buffer.concat([words(6), Buffer.from('0102030405060000', 'hex')]));
  const { records, error } = await read(Buffer.concat([header, unknown, spb]));
  assert.equal(error, undefined);
  assert.deepEqual(records.map(summary), [[1, 0, 1, 4, { seconds: 0, nanos: 0, digits: 6 }, 4, 6, '01020304']]);
});

const onePacket = writePcapng([
  { interfaces: [{ linkType: 1 }], packets: [{ interfaceId: 0, time: T1, bytes: Buffer.from('aa', 'hex') }] },
]); // SHB 28, IDB 20, EPB 36: 84 bytes

for (const length of [13, 8, 0x7ffffff0]) {
  test(`corrupt block length ${length}: records before it, then an error without buffering`, async () => {
    const { records, error } = await read(Buffer.concat([onePacket, words(6, length, 0, 0)]));
    assert.deepEqual(records.map((r) => r.index), [1]);
    assert.equal(error?.kind, 'corrupt');
    assert.equal(error?.message, `block at byte 84: bad total length ${length} (needs a multiple of 4 from 12 to 16777216)`);
  });
}

test('trailing length differing from the leading one', async () => {
  const file = Buffer.from(onePacket);
  file.writeUInt32LE(99, file.length - 4);
  const { records, error } = await read(file);
  assert.equal(records.length, 0);
  assert.equal(error?.kind, 'corrupt');
  assert.equal(error?.message, 'block at byte 48: trailing length 99 differs from leading length 36');
});

test('a packet on an interface the section does not describe', async () => {
  const { error } = await read(Buffer.concat([header, block(6, words(3, 0, 0, 0, 0))]));
  assert.equal(error?.kind, 'corrupt');
  assert.equal(error?.message, 'record 1: interface 3 is not described in its section');
});

test('a captured length overrunning its block', async () => {
  const { error } = await read(Buffer.concat([header, block(6, words(0, 0, 0, 9, 9, 0))]));
  assert.equal(error?.message, 'record 1: captured length 9 overruns its block');
});

test('a section header without the byte-order magic', async () => {
  const file = Buffer.from(onePacket);
  file.writeUInt32LE(0x12345678, 8);
  const { error } = await read(file);
  assert.equal(error?.kind, 'corrupt');
  assert.equal(error?.message, 'block at byte 0: section header has no byte-order magic (78563412)');
});

test('truncated final block: the records before it, then the error', async () => {
  const { records, error } = await read(onePacket.subarray(0, 84 - 3));
  assert.equal(records.length, 0);
  assert.equal(error?.kind, 'truncated');
  assert.equal(error?.message, 'cut short in record 1 (33 of 36 bytes)');

  const cutHeader = await read(Buffer.concat([onePacket, words(0x0bad).subarray(0, 3)]));
  assert.deepEqual(cutHeader.records.map((r) => r.index), [1]);
  assert.equal(cutHeader.error?.message, 'cut short in the block at byte 84 (3 of at least 12 bytes)');

  const cutOther = await read(Buffer.concat([onePacket, words(0x0bad, 400, 0)]));
  assert.equal(cutOther.error?.message, 'cut short in the block at byte 84 (12 of 400 bytes)');
});
