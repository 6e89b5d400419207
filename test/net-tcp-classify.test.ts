import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelInit, PEER_COMMAND, peerCommand, peerMessage } from './support/peer-bytes.js';
import { captureRecords, recordStream } from './support/records.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { collectIcqPayloads, icqPayloads } from '../src/net/icq-payloads.js';
import { notedTraffic } from './support/noted-traffic.js';

const alice = { ip: '10.0.0.1', port: 1100 };
const bob = { ip: '10.0.0.2', port: 1200 };
const web = { ip: '10.0.0.9', port: 80 };
/** A peer message the heuristic does not know (command 0x1234): only an announced port makes it ICQ. */
const unknown = peerCommand(11111, 0x1234, Buffer.from('00000000', 'hex'));
const http = Buffer.from('GET / HTTP/1.0\r\n\r\n');

function conversation(from: typeof alice, to: typeof bob, data: Buffer[]) {
  const c = new TcpConversationBuilder(from, to);
  return [...c.handshake(), ...data.flatMap((d) => c.send(true, d)), ...c.close()];
}

async function run(packets: Buffer[], traffic = notedTraffic()) {
  return { payloads: await collectIcqPayloads(recordStream(captureRecords(packets, 101)), traffic), traffic };
}

test('heuristic: CHANNEL_INIT with FF 03 (licq) or FF 02 (document)', async () => {
  const v2init = peerMessage(Buffer.concat([Buffer.from('ff02000000', 'hex'), Buffer.alloc(21)]));
  for (const init of [channelInit(11111, 1100), v2init]) {
    const { payloads } = await run(conversation(alice, bob, [init, unknown]));
    assert.deepEqual(payloads.map((p) => p.bytes.toString('hex')), [init.toString('hex'), unknown.toString('hex')]);
  }
});

test('heuristic: a first message with version 2 or 3 and command 0x07EE / 0x07DA / 0x07D0', async () => {
  for (const [version, command] of [[2, PEER_COMMAND.MESSAGE], [3, PEER_COMMAND.ACK], [3, PEER_COMMAND.CANCEL]]) {
    const first = peerCommand(11111, command, Buffer.from('0100', 'hex'), version);
    const { payloads } = await run(conversation(alice, bob, [first]));
    assert.deepEqual(payloads.map((p) => p.bytes.toString('hex')), [first.toString('hex')]);
  }
});

test('heuristic on the answering direction classifies the whole connection', async () => {
  const c = new TcpConversationBuilder(alice, bob);
  const reply = peerCommand(22222, PEER_COMMAND.ACK, Buffer.from('0100', 'hex'));
  const packets = [...c.handshake(), ...c.send(true, unknown), ...c.send(false, reply), ...c.close()];
  const { payloads } = await run(packets);
  assert.deepEqual(payloads.map((p) => [p.frame, p.src.port, p.bytes.toString('hex')]), [
    [5, 1100, unknown.toString('hex')],
    [5, 1200, reply.toString('hex')],
  ]);
});

test('a non-ICQ connection is ignored without notes, but counts in the stream numbering', async () => {
  const packets = [...conversation(alice, web, [http]), ...conversation(bob, alice, [channelInit(22222, 1200)])];
  const { payloads, traffic } = await run(packets);
  assert.deepEqual(payloads.map((p) => [p.stream, p.frame, p.src, p.dst]), [[1, 11, bob, alice]]);
  assert.deepEqual(traffic.notes, []);
});

test('an announced peer port makes a connection ICQ whatever its bytes; null ip = any address', async () => {
  const packets = conversation(alice, bob, [unknown]);
  assert.deepEqual((await run(packets)).payloads, []);
  for (const ip of ['10.0.0.2', null]) {
    const traffic = notedTraffic();
    traffic.announcePeer(ip, 1200);
    const { payloads } = await run(packets, traffic);
    assert.deepEqual(payloads.map((p) => [p.stream, p.bytes.toString('hex')]), [[0, unknown.toString('hex')]]);
  }
  const elsewhere = notedTraffic();
  elsewhere.announcePeer('10.0.0.3', 1200);
  assert.deepEqual((await run(packets, elsewhere)).payloads, []);
});

test('announcePeer called by the consumer between payloads applies to the connections that follow', async () => {
  const server = { ip: '10.0.0.100', port: 4000 };
  const userOnline = Buffer.from('02006e000200ce560000', 'hex');
  const packets = [udpPacket(server, alice, userOnline), ...conversation(alice, bob, [unknown])];
  const traffic = notedTraffic();
  const seen: string[] = [];
  for await (const payload of icqPayloads(recordStream(captureRecords(packets, 101)), traffic)) {
    seen.push(`${payload.transport} ${payload.frame} ${payload.bytes.toString('hex')}`);
    if (payload.transport === 'udp') traffic.announcePeer('10.0.0.2', 1200);
  }
  assert.deepEqual(seen, [`udp 1 ${userOnline.toString('hex')}`, `tcp 5 ${unknown.toString('hex')}`]);
  assert.equal(traffic.stats.icqPayloads, 2);
});

test('a one-sided unknown stream is dropped once the classification budget is spent', async () => {
  const traffic = notedTraffic({ limits: { tcpClassifyBytes: 32 } });
  const c = new TcpConversationBuilder(alice, bob);
  const packets = [...c.handshake(), ...c.send(true, unknown), ...c.send(true, Buffer.alloc(40, 0x41))];
  const { payloads } = await run([...packets, ...c.send(true, channelInit(1, 1))], traffic);
  assert.deepEqual(payloads, []);
});

test('announced peer ports are bounded: past the limit the oldest is forgotten', () => {
  const traffic = notedTraffic({ limits: { announcedPeers: 2 } });
  const a = { ip: '10.0.0.1', port: 5000 };
  const peer = (port: number) => ({ ip: '10.0.0.9', port });
  traffic.announcePeer('10.0.0.9', 1);
  traffic.announcePeer('10.0.0.9', 2);
  traffic.announcePeer('10.0.0.9', 1); // refreshed: now the newest
  traffic.announcePeer('10.0.0.9', 3);
  assert.deepEqual([1, 2, 3].map((port) => traffic.isAnnouncedTcp(a, peer(port))), [true, false, true]);
});
