import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writePcap } from '../src/writers/write-pcap.js';
import { writePcapng } from '../src/writers/write-pcapng.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

test('writePcap little-endian microseconds: header and record bytes', () => {
  const file = writePcap(
    [{ time: { seconds: 0x01020304, nanos: 5_006_007, digits: 9 }, bytes: hex('aabb'), originalLength: 60 }],
    { linkType: 1, snapLength: 65535 },
  );
  assert.deepEqual(
    file,
    hex(`d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000
         04030201 8e130000 02000000 3c000000 aabb`),
  );
});

test('writePcap big-endian nanoseconds with the default snap length', () => {
  const file = writePcap([{ time: { seconds: 7, nanos: 5_006_007, digits: 9 }, bytes: hex('01') }], {
    linkType: 101,
    nanosecond: true,
    bigEndian: true,
  });
  assert.deepEqual(
    file,
    hex(`a1b23c4d 0002 0004 00000000 00000000 00040000 00000065
         00000007 004c62b7 00000001 00000001 01`),
  );
});

test('writePcapng: SHB, IDB with if_tsresol, EPB padded to 32 bits', () => {
  const file = writePcapng([
    {
      interfaces: [{ linkType: 1, tsresolDigits: 9 }],
      packets: [{ interfaceId: 0, time: { seconds: 1, nanos: 5, digits: 9 }, bytes: hex('010203') }],
    },
  ]);
  assert.deepEqual(
    file,
    hex(`0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000
         01000000 20000000 0100 0000 00000000 0900 0100 09000000 00000000 20000000
         06000000 24000000 00000000 00000000 05ca9a3b 03000000 03000000 01020300 24000000`),
  );
});

test('writePcapng big-endian section without options', () => {
  const file = writePcapng([
    {
      bigEndian: true,
      interfaces: [{ linkType: 228, snapLength: 1500 }],
      packets: [{ interfaceId: 0, time: { seconds: 2, nanos: 3000, digits: 6 }, bytes: hex('ff'), originalLength: 9 }],
    },
  ]);
  assert.deepEqual(
    file,
    hex(`0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c
         00000001 00000014 00e4 0000 000005dc 00000014
         00000006 00000024 00000000 00000000 001e8483 00000001 00000009 ff000000 00000024`),
  );
});

test('writePcapng refuses a packet on an interface its section lacks', () => {
  assert.throws(
    () => writePcapng([{ interfaces: [], packets: [{ interfaceId: 0, time: { seconds: 0, nanos: 0, digits: 6 }, bytes: hex('00') }] }]),
    { name: 'RangeError', message: 'packet on interface 0, which the section does not have' },
  );
});
