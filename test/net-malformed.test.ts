import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ethernetFrame } from '../src/writers/build-link.js';
import { captureRecords, recordStream } from './support/records.js';
import { tcpPacket, udpPacket } from '../src/writers/build-transport.js';
import { fragmentIpv6 } from '../src/writers/build-fragments.js';
import { collectIcqPayloads } from '../src/net/icq-payloads.js';
import { notedTraffic } from './support/noted-traffic.js';

const a = { ip: '10.0.0.1', port: 1100 };
const b = { ip: '10.0.0.2', port: 4000 };

test('a frame cut at every length never throws: headers cut short are undecodable, the rest decodes', async () => {
  const frame = ethernetFrame(tcpPacket(a, b, { seq: 1, flags: 0x18, payload: Buffer.from('1a00ff03000000', 'hex') }));
  const cuts = Array.from({ length: frame.length + 1 }, (_, n) => frame.subarray(0, n));
  const traffic = notedTraffic();
  await collectIcqPayloads(recordStream(captureRecords(cuts, 1)), traffic);
  // Ethernet 14 + IPv4 20 + TCP 20: every cut shorter than 54 bytes lacks a header.
  assert.equal(traffic.stats.frames, frame.length + 1);
  assert.equal(traffic.stats.undecodable, 54);
});

test('corrupt header lengths give notes, not exceptions', async () => {
  const udp = udpPacket(a, b, Buffer.from('02000a000100', 'hex'));
  const badIhl = Buffer.from(udp);
  badIhl[0] = 0x4f; // IHL 60 > packet
  const smallIhl = Buffer.from(udp);
  smallIhl[0] = 0x44;
  const tcp = tcpPacket(a, b, { seq: 1, flags: 0x10 });
  const badOffset = Buffer.from(tcp);
  badOffset[32] = 0x20; // data offset 8 < 20
  const ipv6 = fragmentIpv6(udpPacket({ ip: '::1', port: 1 }, { ip: '::2', port: 4000 }, Buffer.alloc(40)), 2, 1)[0].subarray(0, 44);
  const traffic = notedTraffic();
  const payloads = await collectIcqPayloads(recordStream(captureRecords([badIhl, smallIhl, badOffset, ipv6, Buffer.from([0x70])], 101)), traffic);
  assert.deepEqual(payloads, []);
  assert.deepEqual(traffic.notes, [
    { frame: 1, message: 'IPv4 header length 60 runs past the frame' },
    { frame: 2, message: 'IPv4 header length 16 is below 20' },
    { frame: 3, message: 'TCP header length 8 is below 20' },
    { frame: 4, message: 'IPv6 fragment header cut short' },
    { frame: 5, message: 'IP version 7 is neither 4 nor 6' },
  ]);
});
