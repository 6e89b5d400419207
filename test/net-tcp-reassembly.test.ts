import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelInit, PEER_COMMAND, peerCommand } from '../src/net/build-icq-peer.js';
import { captureRecords, recordStream } from '../src/net/build-records.js';
import { TcpConversationBuilder } from '../src/net/build-tcp-conversation.js';
import { collectIcqPayloads } from '../src/net/icq-payloads.js';
import { IcqTraffic } from '../src/net/icq-traffic.js';
import type { TransportPayload } from '../src/net/payload.js';

const client = { ip: '10.0.0.1', port: 1100 };
const server = { ip: '10.0.0.2', port: 1200 };
const init = channelInit(11111, 1100);
const message = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000600', 'hex'));
const reply = peerCommand(22222, PEER_COMMAND.ACK, Buffer.from('0000000001000100', 'hex'));
const third = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000700', 'hex'));

async function run(packets: Buffer[], traffic = new IcqTraffic()) {
  return { payloads: await collectIcqPayloads(recordStream(captureRecords(packets, 101)), traffic), traffic };
}

/** [frame, frames, from client?, bytes hex, truncated] */
function summary(payloads: TransportPayload[]) {
  return payloads.map((p) => [p.frame, p.frames, p.src.port === client.port, p.bytes.toString('hex'), p.truncated]);
}

function conversation(opts?: { clientIsn?: number; serverIsn?: number }) {
  return new TcpConversationBuilder(client, server, opts);
}

test('a whole conversation: handshake, messages both ways, close; stream 0, no notes', async () => {
  const c = conversation();
  const packets = [...c.handshake(), ...c.send(true, init), ...c.send(true, message), ...c.send(false, reply), ...c.close()];
  const { payloads, traffic } = await run(packets);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [5, [5], true, message.toString('hex'), false],
    [6, [6], false, reply.toString('hex'), false],
  ]);
  assert.deepEqual(payloads.map((p) => [p.stream, p.transport, p.src, p.dst]), [
    [0, 'tcp', client, server],
    [0, 'tcp', client, server],
    [0, 'tcp', server, client],
  ]);
  assert.deepEqual(payloads[1].time, { seconds: 900_000_000, nanos: 4_000_000, digits: 6 });
  assert.deepEqual(traffic.stats, { frames: 9, undecodable: 0, icqPayloads: 3, notes: [], notesDropped: 0 });
});

test('LENGTH alone in one segment and the body in the next (as licq sends)', async () => {
  const c = conversation();
  const { payloads } = await run([...c.handshake(), ...c.send(true, init, { splitAt: [2] }), ...c.send(true, message, { splitAt: [2] })]);
  assert.deepEqual(summary(payloads), [
    [5, [4, 5], true, init.toString('hex'), false],
    [7, [6, 7], true, message.toString('hex'), false],
  ]);
});

test('several messages in one segment, and a message ending inside the next segment', async () => {
  const c = conversation();
  const all = Buffer.concat([init, message, third]);
  const { payloads } = await run([...c.handshake(), ...c.send(true, all, { splitAt: [init.length + message.length + 3] })]);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [4, [4], true, message.toString('hex'), false],
    [5, [4, 5], true, third.toString('hex'), false],
  ]);
});

test('out-of-order segments: the frame that fills the hole completes the message', async () => {
  const c = conversation();
  const handshake = c.handshake();
  const [first, second, last] = c.send(true, Buffer.concat([init, message]), { splitAt: [10, 30] });
  const { payloads, traffic } = await run([...handshake, last, second, first]);
  assert.deepEqual(summary(payloads), [
    [6, [5, 6], true, init.toString('hex'), false],
    [6, [4, 5], true, message.toString('hex'), false],
  ]);
  assert.deepEqual(traffic.stats.notes, []);
});

test('an exact retransmission gives nothing twice and no note', async () => {
  const c = conversation();
  const handshake = c.handshake();
  const [segment] = c.send(true, init);
  const { payloads, traffic } = await run([...handshake, segment, segment, ...c.send(true, message)]);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [6, [6], true, message.toString('hex'), false],
  ]);
  assert.deepEqual(traffic.stats.notes, []);
});

test('overlapping retransmissions with different bytes: the first copy wins, with a note', async () => {
  const c = conversation();
  const handshake = c.handshake();
  const start = c.nextSeq(true);
  const [a, b] = c.send(true, init, { splitAt: [6] });
  // Bytes 4-9 again, byte 4 changed: it overlaps delivered bytes (4-5) and is first to give 6-9.
  const overDelivered = Buffer.from(init.subarray(4, 10));
  overDelivered[0] ^= 0xff;
  const first = await run([...handshake, a, c.segmentAt(true, start + 4, overDelivered), b]);
  assert.deepEqual(summary(first.payloads), [[6, [4, 5, 6], true, init.toString('hex'), false]]);
  const note = 'TCP retransmission overlaps earlier data with different bytes: the first copy is kept';
  assert.deepEqual(first.traffic.stats.notes, [{ frame: 5, message: note }]);
  // Bytes 8-13 again, byte 13 changed: it overlaps bytes buffered out of order.
  const overStored = Buffer.from(init.subarray(8, 14));
  overStored[5] ^= 0xff;
  const second = await run([...handshake, b, c.segmentAt(true, start + 8, overStored), a]);
  assert.deepEqual(summary(second.payloads), [[6, [4, 6], true, init.toString('hex'), false]]);
  assert.deepEqual(second.traffic.stats.notes, [{ frame: 5, message: note }]);
});
