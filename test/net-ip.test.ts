import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragmentIpv4, fragmentIpv6 } from '../src/writers/build-fragments.js';
import { buildIpv4, buildIpv6 } from '../src/writers/build-ip.js';
import { captureRecords, recordStream } from './support/records.js';
import { buildUdp, udpPacket } from '../src/writers/build-transport.js';
import { internetChecksum } from '../src/writers/checksum.js';
import { collectIcqPayloads } from '../src/net/icq-payloads.js';
import { notedTraffic } from './support/noted-traffic.js';
import { ipBytes, ipv6Text } from '../src/net/ip-address.js';
import type { CaptureRecord } from '../src/capture/record.js';

const client = { ip: '192.168.1.5', port: 1030 };
const server = { ip: '192.168.1.1', port: 4000 };
/** 100 bytes of ICQ-looking UDP payload. */
const payload = Buffer.concat([Buffer.from('0200e8030100ce560000', 'hex'), Buffer.from(Array.from({ length: 90 }, (_, i) => i))]);

async function run(records: CaptureRecord[], traffic = notedTraffic()) {
  return { payloads: await collectIcqPayloads(recordStream(records), traffic), traffic };
}

test('IPv6 text follows RFC 5952 (longest zero run, first on a tie, none for a single zero)', () => {
  assert.equal(ipv6Text(ipBytes('2001:db8:0:0:1:0:0:1'), 0), '2001:db8::1:0:0:1');
  assert.equal(ipv6Text(ipBytes('2001:db8:0:1:1:1:1:1'), 0), '2001:db8:0:1:1:1:1:1');
  assert.equal(ipv6Text(ipBytes('::1'), 0), '::1');
  assert.equal(ipv6Text(ipBytes('fe80::'), 0), 'fe80::');
});

test('built IPv4 header and UDP checksums verify', () => {
  const packet = udpPacket(client, server, payload);
  assert.equal(internetChecksum(packet.subarray(0, 20)), 0);
  const pseudo = Buffer.concat([ipBytes(client.ip), ipBytes(server.ip), Buffer.from([0, 17, 0, 108])]);
  assert.equal(internetChecksum(pseudo, packet.subarray(20)), 0);
});

test('IPv4 header options are skipped by IHL', async () => {
  const packet = buildIpv4({ src: client.ip, dst: server.ip, protocol: 17, payload: buildUdp(client, server, payload), options: Buffer.from('94040000', 'hex') });
  assert.equal(packet[0], 0x46);
  const { payloads } = await run(captureRecords([packet], 101));
  assert.deepEqual(payloads[0].bytes, payload);
  assert.deepEqual(payloads[0].src, client);
});

test('IPv4 fragments in reverse order are reassembled; frames lists every fragment, frame the completing one', async () => {
  const fragments = fragmentIpv4(buildIpv4({ src: client.ip, dst: server.ip, protocol: 17, id: 0x1234, payload: buildUdp(client, server, payload) }), 3);
  assert.equal(fragments.length, 3);
  const { payloads, traffic } = await run(captureRecords(fragments.reverse(), 101));
  assert.equal(payloads.length, 1);
  assert.deepEqual(payloads[0].bytes, payload);
  assert.deepEqual(payloads[0].frames, [1, 2, 3]);
  assert.equal(payloads[0].frame, 3);
  assert.equal(payloads[0].truncated, false);
  assert.deepEqual(traffic.notes, []);
});

test('overlapping IPv4 fragments: the first to arrive wins, with a note', async () => {
  const udp = buildUdp(client, server, payload);
  const ip = (offset: number, data: Buffer, more: boolean) =>
    buildIpv4({ src: client.ip, dst: server.ip, protocol: 17, id: 7, payload: data, fragmentOffset: offset, moreFragments: more });
  const altered = Buffer.from(udp.subarray(40, 64));
  altered.fill(0xee);
  const frames = [ip(0, udp.subarray(0, 48), true), ip(40, altered, true), ip(64, udp.subarray(64), false)];
  const { payloads, traffic } = await run(captureRecords(frames, 101));
  const expected = Buffer.from(payload);
  expected.fill(0xee, 48 - 8, 64 - 8);
  assert.deepEqual(payloads[0].bytes, expected);
  assert.deepEqual(payloads[0].notes, [{ id: 'fragment-overlap', severity: 'warning', message: 'overlapping IP fragments disagree (1); the first to arrive was kept' }]);
  assert.deepEqual(traffic.notes, [{ frame: 3, message: 'overlapping IP fragments disagree (1); the first to arrive was kept' }]);
});

test('an incomplete fragmented datagram times out after 30 s of capture time: listed by its first fragment, with a note', async () => {
  const fragments = fragmentIpv4(buildIpv4({ src: client.ip, dst: server.ip, protocol: 17, id: 9, payload: buildUdp(client, server, payload) }), 2);
  const records = captureRecords([fragments[0], udpPacket(client, server, Buffer.from('02000a000100', 'hex')), fragments[1]], 101);
  records[1].time = { ...records[1].time, seconds: records[0].time.seconds + 31 };
  records[2].time = records[1].time;
  const { payloads, traffic } = await run(records);
  const given = 'Fragmented IP protocol: IPv4 192.168.1.5 > 192.168.1.1 proto 17 id 0x9 never completed (incomplete after 30 s): 1 fragment(s), 56 bytes from its start';
  const ending = 'Fragmented IP protocol: IPv4 192.168.1.5 > 192.168.1.1 proto 17 id 0x9 never completed (incomplete at the end of the capture): 1 fragment(s), 0 bytes from its start';
  assert.deepEqual(payloads.map((p) => [p.frame, p.bytes.length, p.truncated, p.notes.map((n) => n.message)]), [
    [1, 48, false, [given]],
    [2, 6, false, []],
  ]);
  assert.deepEqual(payloads[0].bytes, payload.subarray(0, 48));
  // The second fragment starts a datagram of its own, which never completes either (no first fragment: counted, not listed).
  assert.deepEqual(traffic.notes, [{ frame: 1, message: given }, { frame: 3, message: ending }]);
  assert.equal(traffic.stats.dropped.ipDatagrams, 2);
});

test('fragment limits: past the bytes or the number of incomplete datagrams the oldest is given up', async () => {
  const datagram = (id: number) => fragmentIpv4(buildIpv4({ src: client.ip, dst: server.ip, protocol: 17, id, payload: buildUdp(client, server, payload) }), 2);
  const bytes = notedTraffic({ limits: { fragmentTotalBytes: 60 } });
  const { payloads } = await run(captureRecords(datagram(3), 101), bytes);
  assert.deepEqual(payloads.map((p) => [p.frame, p.bytes.length]), [[1, 48]]);
  assert.match(payloads[0].notes[0]!.message, /id 0x3 never completed \(its fragments would pass the 60-byte fragment buffer\)/);
  const firsts = [1, 2, 3].map((id) => datagram(id)[0]!);
  const count = notedTraffic({ limits: { fragmentDatagrams: 2 } });
  const listed = await run(captureRecords(firsts, 101), count);
  assert.deepEqual(listed.payloads.map((p) => [p.frame, /limit of 2 incomplete datagrams/.test(p.notes[0]!.message)]), [[1, true], [2, false], [3, false]]);
  assert.equal(count.stats.dropped.ipDatagrams, 3);
});

const c6 = { ip: 'fe80::1', port: 4000 };
const s6 = { ip: 'fe80::2', port: 2222 };

test('IPv6 hop-by-hop and destination options headers are skipped', async () => {
  const packet = buildIpv6({
    src: c6.ip,
    dst: s6.ip,
    protocol: 17,
    payload: buildUdp(c6, s6, payload),
    extensions: [{ type: 0, body: Buffer.from('050200000100', 'hex') }, { type: 60, body: Buffer.alloc(14) }],
  });
  assert.equal(packet[6], 0);
  const { payloads } = await run(captureRecords([packet], 101));
  assert.deepEqual(payloads[0].bytes, payload);
  assert.deepEqual(payloads[0].src, c6);
  assert.deepEqual(payloads[0].dst, s6);
});

test('IPv6 fragments (hop-by-hop before, destination options after the fragment header) are reassembled', async () => {
  const extensions = [{ type: 0, body: Buffer.from('050200000100', 'hex') }, { type: 60, body: Buffer.alloc(6) }];
  const packet = buildIpv6({ src: c6.ip, dst: s6.ip, protocol: 17, payload: buildUdp(c6, s6, payload), extensions });
  const fragments = fragmentIpv6(packet, 3, 0xabcdef01);
  assert.equal(fragments.length, 3);
  assert.deepEqual([fragments[0][6], fragments[0][40], fragments[0][48]], [0, 44, 60]);
  const { payloads, traffic } = await run(captureRecords([fragments[1], fragments[2], fragments[0]], 101));
  assert.equal(payloads.length, 1);
  assert.deepEqual(payloads[0].bytes, payload);
  assert.deepEqual(payloads[0].frames, [1, 2, 3]);
  assert.equal(payloads[0].frame, 3);
  assert.deepEqual(traffic.notes, []);
});
