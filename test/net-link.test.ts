import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ethernetFrame, loopFrame, nullFrame, sll2Frame, sllFrame } from '../src/writers/build-link.js';
import { captureRecords, recordStream } from './support/records.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { collectIcqPayloads } from '../src/net/icq-payloads.js';
import { notedTraffic } from './support/noted-traffic.js';

const ICQ_ACK = Buffer.from('02000a000100', 'hex');
const v4 = udpPacket({ ip: '10.0.0.1', port: 4000 }, { ip: '10.0.0.2', port: 1025 }, ICQ_ACK);
const v6 = udpPacket({ ip: '2001:db8::1', port: 1025 }, { ip: '2001:db8:0:0:1::2', port: 4000 }, ICQ_ACK);

async function decodeOne(linkType: number, frame: Buffer) {
  const traffic = notedTraffic();
  const payloads = await collectIcqPayloads(recordStream(captureRecords([frame], linkType)), traffic);
  return { payloads, traffic };
}

const cases: [string, number, Buffer, Buffer][] = [
  ['Ethernet', 1, ethernetFrame(v4), v4],
  ['Ethernet, stacked 802.1ad + 802.1Q', 1, ethernetFrame(v4, [{ tpid: 0x88a8, id: 100 }, { id: 200 }]), v4],
  ['Ethernet, IPv6 behind one VLAN tag', 1, ethernetFrame(v6, [{ id: 7 }]), v6],
  ['null, little-endian family', 0, nullFrame(v4, 'le'), v4],
  ['null, big-endian family', 0, nullFrame(v4, 'be'), v4],
  ['null, IPv6 little-endian', 0, nullFrame(v6, 'le'), v6],
  ['OpenBSD loop', 108, loopFrame(v4), v4],
  ['raw 101, IPv4', 101, v4, v4],
  ['raw 101, IPv6', 101, v6, v6],
  ['raw 228 (IPv4)', 228, v4, v4],
  ['raw 229 (IPv6)', 229, v6, v6],
  ['raw 12', 12, v4, v4],
  ['raw 14', 14, v6, v6],
  ['Linux SLL', 113, sllFrame(v4), v4],
  ['Linux SLL2', 276, sll2Frame(v6), v6],
];

for (const [name, linkType, frame, packet] of cases) {
  test(`link type ${linkType}: ${name}`, async () => {
    const { payloads, traffic } = await decodeOne(linkType, frame);
    assert.equal(payloads.length, 1);
    assert.deepEqual(payloads[0].bytes, ICQ_ACK);
    assert.equal(payloads[0].transport, 'udp');
    assert.deepEqual(payloads[0].frames, [1]);
    const [src, dst] =
      packet === v4
        ? [{ ip: '10.0.0.1', port: 4000 }, { ip: '10.0.0.2', port: 1025 }]
        : [{ ip: '2001:db8::1', port: 1025 }, { ip: '2001:db8::1:0:0:2', port: 4000 }];
    assert.deepEqual(payloads[0].src, src);
    assert.deepEqual(payloads[0].dst, dst);
    assert.deepEqual(traffic.stats, { frames: 1, undecodable: 0, icqPayloads: 1, dropped: { ipDatagrams: 0, tcpConnections: 0, tcpBytes: 0 } });
  });
}

test('a non-IP EtherType (ARP) is skipped without a note', async () => {
  const arp = Buffer.concat([Buffer.from('ffffffffffff020000000001' + '0806', 'hex'), Buffer.alloc(28)]);
  const { payloads, traffic } = await decodeOne(1, arp);
  assert.deepEqual(payloads, []);
  assert.deepEqual(traffic.stats, { frames: 1, undecodable: 0, icqPayloads: 0, dropped: { ipDatagrams: 0, tcpConnections: 0, tcpBytes: 0 } });
});

test('an unsupported link type and a cut Ethernet header are undecodable, with notes', async () => {
  const traffic = notedTraffic();
  const records = captureRecords([v4, Buffer.from('0200000000', 'hex'), ethernetFrame(v4)], 105);
  records[1].linkType = 1;
  records[2].linkType = 1;
  const payloads = await collectIcqPayloads(recordStream(records), traffic);
  assert.equal(payloads.length, 1);
  assert.equal(payloads[0].frame, 3);
  assert.equal(traffic.stats.undecodable, 2);
  assert.deepEqual(traffic.notes, [
    { frame: 1, message: 'unsupported link type 105' },
    { frame: 2, message: 'Ethernet header needs 14 bytes, frame is shorter' },
  ]);
});
