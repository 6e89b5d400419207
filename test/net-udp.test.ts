import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ethernetFrame } from '../src/writers/build-link.js';
import { captureRecords, recordStream } from './support/records.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { collectIcqPayloads } from '../src/net/icq-payloads.js';
import { notedTraffic } from './support/noted-traffic.js';

const a = { ip: '10.1.1.1', port: 4000 };
const b = { ip: '10.1.1.2', port: 33000 };
const c = { ip: '10.1.1.3', port: 5000 };
const login = Buffer.from('0200e8030100672b0000861f0100070073656372657400', 'hex');

async function run(frames: Buffer[], traffic = notedTraffic(), linkType = 101) {
  return collectIcqPayloads(recordStream(captureRecords(frames, linkType)), traffic);
}

test('UDP with port 4000 on either side is ICQ; other ports are not', async () => {
  const payloads = await run([udpPacket(b, a, login), udpPacket(a, b, login.subarray(0, 6)), udpPacket(b, c, login)]);
  assert.deepEqual(
    payloads.map((p) => [p.frame, p.src.port, p.dst.port, p.bytes.toString('hex'), p.stream]),
    [
      [1, 33000, 4000, login.toString('hex'), undefined],
      [2, 4000, 33000, '0200e8030100', undefined],
    ],
  );
});

test('udpPorts adds ports (as --port does) and replaces the default', async () => {
  const traffic = notedTraffic({ udpPorts: [4000, 5000] });
  const payloads = await run([udpPacket(b, c, login), udpPacket(b, a, login)], traffic);
  assert.deepEqual(payloads.map((p) => p.frame), [1, 2]);
  const only5000 = await run([udpPacket(b, c, login), udpPacket(b, a, login)], notedTraffic({ udpPorts: [5000] }));
  assert.deepEqual(only5000.map((p) => p.frame), [1]);
});

test('the UDP length field wins over Ethernet padding', async () => {
  const small = Buffer.from('02000a000100', 'hex');
  const frame = Buffer.concat([ethernetFrame(udpPacket(a, b, small)), Buffer.alloc(12)]);
  const payloads = await run([frame], notedTraffic(), 1);
  assert.deepEqual(payloads[0].bytes, small);
  assert.equal(payloads[0].truncated, false);
});

test('a frame cut by the snap length gives the captured bytes, truncated = true', async () => {
  const whole = udpPacket(b, a, login);
  const records = captureRecords([whole.subarray(0, 20 + 8 + 10)], 101);
  records[0]!.originalLength = whole.length;
  const traffic = notedTraffic();
  const payloads = await collectIcqPayloads(recordStream(records), traffic);
  assert.deepEqual(payloads[0].bytes, login.subarray(0, 10));
  assert.equal(payloads[0].truncated, true);
  assert.deepEqual(payloads[0].notes, []);
  assert.equal(traffic.stats.undecodable, 0);
});

test('an IP total length past a frame the snap length did not cut is its own note, not truncation', async () => {
  const payloads = await run([udpPacket(b, a, login).subarray(0, 20 + 8 + 10)]);
  assert.deepEqual(payloads[0].bytes, login.subarray(0, 10));
  assert.equal(payloads[0].truncated, false);
  assert.deepEqual(payloads[0].notes, [
    { id: 'ip-length', severity: 'warning', message: 'IPv4 length exceeds the packet length: 31 payload bytes declared, 18 in the frame' },
  ]);
});

test("a record longer than the file header's snap length is read, with a note", async () => {
  const records = captureRecords([udpPacket(b, a, login)], 101);
  records[0]!.snapLength = 40;
  const payloads = await collectIcqPayloads(recordStream(records), notedTraffic());
  assert.deepEqual(payloads[0].bytes, login);
  assert.deepEqual(payloads[0].notes, [
    { id: 'past-snap-length', severity: 'note', message: "record of 51 bytes, longer than the file's snap length 40: read as it is" },
  ]);
});

test('a UDP length past the IP payload is a note; a cut UDP header is undecodable', async () => {
  const packet = udpPacket(b, a, login);
  packet.writeUInt16BE(8 + login.length + 4, 20 + 4);
  const traffic = notedTraffic();
  const payloads = await run([packet, udpPacket(b, a, login).subarray(0, 24)], traffic);
  assert.equal(payloads.length, 1);
  assert.deepEqual(payloads[0].bytes, login);
  assert.equal(payloads[0].truncated, false);
  assert.deepEqual(payloads[0].notes, [{ id: 'udp-length', severity: 'warning', message: 'UDP length 35 runs past the IP payload (31 bytes)' }]);
  assert.equal(traffic.stats.undecodable, 1);
  assert.deepEqual(traffic.notes, [
    { frame: 1, message: 'UDP length 35 runs past the IP payload (31 bytes)' },
    { frame: 2, message: 'UDP header cut short (4 bytes)' },
  ]);
});
