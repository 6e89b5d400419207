import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelInit, PEER_COMMAND, peerCommand } from './support/peer-bytes.js';
import { captureRecords, recordStream } from './support/records.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { collectIcqPayloads, IcqPayloadReader } from '../src/net/icq-payloads.js';
import type { IcqTraffic } from '../src/net/icq-traffic.js';
import { notedTraffic } from './support/noted-traffic.js';

const alice = { ip: '10.0.0.1', port: 1100 };
const bob = { ip: '10.0.0.2', port: 1200 };
const carol = { ip: '10.0.0.3', port: 1300 };
const message = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000600', 'hex'));

async function run(packets: Buffer[], traffic: IcqTraffic) {
  return collectIcqPayloads(recordStream(captureRecords(packets, 101)), traffic);
}

test('connection limit: the least recently used connection is evicted, its partial message passed on, with a note', async () => {
  const ab = new TcpConversationBuilder(alice, bob);
  const ac = new TcpConversationBuilder(alice, carol);
  const packets = [
    ...ab.handshake(),
    ...ab.send(true, channelInit(11111, 1100)),
    ...ab.send(true, message.subarray(0, 6)),
    ...ac.handshake(), // frame 6: the second connection evicts the first
    ...ac.send(true, channelInit(11111, 1100)),
  ];
  const traffic = notedTraffic({ limits: { tcpConnections: 1 } });
  const payloads = await run(packets, traffic);
  assert.deepEqual(
    payloads.map((p) => [p.stream, p.frame, p.frames, p.bytes.length, p.truncated]),
    [
      [0, 4, [4], 28, false],
      [0, 5, [5], 6, false],
      [1, 9, [9], 28, false],
    ],
  );
  assert.deepEqual(traffic.notes, [
    { frame: 6, message: 'connection limit (1) reached: TCP stream 0 no longer tracked' },
    { frame: 6, message: 'stream ends inside a message: 6 of 18 bytes' },
  ]);
  assert.deepEqual(payloads[1]!.notes.map((n) => n.id), ['tcp-connection-limit', 'tcp-unfinished']);
  assert.equal(traffic.stats.dropped.tcpConnections, 1);
});

test('total TCP buffer limit: out-of-order data beyond it is given up in the direction that would grow', async () => {
  const ab = new TcpConversationBuilder(alice, bob);
  const opening = [...ab.handshake(), ...ab.send(true, channelInit(11111, 1100))];
  ab.send(true, message); // lost
  const later = [...ab.send(true, message), ...ab.send(true, message)];
  const traffic = notedTraffic({ limits: { tcpTotalBytes: 20 } });
  const payloads = await run([...opening, ...later], traffic);
  assert.deepEqual(payloads.map((p) => [p.frame, p.frames, p.bytes.equals(message)]), [
    [4, [4], false],
    [6, [5], true],
    [6, [6], true],
  ]);
  assert.deepEqual(traffic.notes, [
    { frame: 6, message: 'TCP out-of-order buffer limit reached: 18 missing bytes given up' },
    { frame: 6, message: 'TCP hole of 18 bytes at stream byte 28 never filled' },
  ]);
});

test('a closed connection is forgotten after 240 s of silence, an open one is not (memory does not hold every closed connection)', () => {
  const ab = new TcpConversationBuilder(alice, bob);
  const ac = new TcpConversationBuilder(alice, carol);
  const closed = [...ab.handshake(), ...ab.send(true, channelInit(11111, 1100)), ...ab.close()];
  const open = [...ac.handshake(), ...ac.send(true, channelInit(11111, 1100))];
  const bc = new TcpConversationBuilder(bob, carol);
  const start = { seconds: 900_000_000, nanos: 0, digits: 6 };
  const records = [
    ...captureRecords([...closed, ...open], 101, start),
    // A segment of another connection 300 s later makes the table look at the silent ones.
    ...captureRecords(bc.handshake().slice(0, 1), 101, { ...start, seconds: start.seconds + 300 }),
  ].map((record, i) => ({ ...record, index: i + 1 }));
  const traffic = notedTraffic();
  const reader = new IcqPayloadReader(traffic);
  const tracked = () => (reader as unknown as { decoder: { tcp: { connections: Map<string, unknown> } } }).decoder.tcp.connections.size;
  [...reader.payloads(records.slice(0, closed.length + open.length))];
  assert.equal(tracked(), 2);
  [...reader.payloads(records.slice(closed.length + open.length))];
  assert.equal(tracked(), 2, 'the closed one forgotten, the open one and the new one kept');
});
