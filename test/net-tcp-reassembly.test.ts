import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelInit, PEER_COMMAND, peerCommand } from './support/peer-bytes.js';
import { captureRecords, recordStream } from './support/records.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { collectIcqPayloads } from '../src/net/icq-payloads.js';
import { notedTraffic } from './support/noted-traffic.js';
import type { TransportPayload } from '../src/net/payload.js';

const client = { ip: '10.0.0.1', port: 1100 };
const server = { ip: '10.0.0.2', port: 1200 };
const init = channelInit(11111, 1100);
const message = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000600', 'hex'));
const reply = peerCommand(22222, PEER_COMMAND.ACK, Buffer.from('0000000001000100', 'hex'));
const third = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000700', 'hex'));

async function run(packets: Buffer[], traffic = notedTraffic()) {
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
  assert.deepEqual(traffic.stats, { frames: 9, undecodable: 0, icqPayloads: 3, dropped: { ipDatagrams: 0, tcpConnections: 0, tcpBytes: 0 } });
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
  assert.deepEqual(traffic.notes, []);
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
  assert.deepEqual(traffic.notes, []);
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
  assert.deepEqual(first.traffic.notes, [{ frame: 5, message: note }]);
  assert.deepEqual(first.payloads[0]!.notes, [{ id: 'tcp-overlap', severity: 'warning', message: note }]); // shown on the message, not only counted
  // Bytes 8-13 again, byte 13 changed: it overlaps bytes buffered out of order.
  const overStored = Buffer.from(init.subarray(8, 14));
  overStored[5] ^= 0xff;
  const second = await run([...handshake, b, c.segmentAt(true, start + 8, overStored), a]);
  assert.deepEqual(summary(second.payloads), [[6, [4, 6], true, init.toString('hex'), false]]);
  assert.deepEqual(second.traffic.notes, [{ frame: 5, message: note }]);
  assert.deepEqual(second.payloads[0]!.notes, [{ id: 'tcp-overlap', severity: 'warning', message: note }]);
});

test('FIN inside a message: the incomplete message is passed on as it is (not cut by the snap length), with a note', async () => {
  const c = conversation();
  const packets = [...c.handshake(), ...c.send(true, init), ...c.send(true, message.subarray(0, 10)), ...c.close()];
  const { payloads, traffic } = await run(packets);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [6, [5], true, message.subarray(0, 10).toString('hex'), false],
  ]);
  assert.deepEqual(payloads[1].notes, [{ id: 'tcp-unfinished', severity: 'warning', message: 'stream ends inside a message: 10 of 18 bytes' }]);
  assert.deepEqual(traffic.notes, [{ frame: 6, message: 'stream ends inside a message: 10 of 18 bytes' }]);
});

test('RST ends both directions; a new SYN on the same ports is a new stream', async () => {
  const c = conversation();
  const first = [...c.handshake(), ...c.send(true, init), ...c.send(false, reply.subarray(0, 5)), c.reset(true)];
  const again = conversation({ clientIsn: 70000, serverIsn: 90000 });
  const second = [...again.handshake(), ...again.send(true, init)];
  const { payloads } = await run([...first, ...second]);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [6, [5], false, reply.subarray(0, 5).toString('hex'), false],
    [10, [10], true, init.toString('hex'), false],
  ]);
  assert.deepEqual(payloads.map((p) => p.stream), [0, 0, 1]);
});

test('sequence numbers wrapping past 2^32, in order and out of order', async () => {
  const c = conversation({ clientIsn: 0xfffffff0, serverIsn: 0xffffffff });
  const handshake = c.handshake();
  const [a, b] = c.send(true, init, { splitAt: [12] }); // the wrap falls inside a
  const [r1, r2] = c.send(false, reply, { splitAt: [2] }); // server data starts at 0 after wrapping
  const [m1, m2] = c.send(true, message, { splitAt: [9] });
  const { payloads, traffic } = await run([...handshake, a, b, r2, r1, m2, m1]);
  assert.deepEqual(summary(payloads), [
    [5, [4, 5], true, init.toString('hex'), false],
    [7, [6, 7], false, reply.toString('hex'), false],
    [9, [8, 9], true, message.toString('hex'), false],
  ]);
  assert.deepEqual(traffic.notes, []);
});

test('a stream first seen mid-connection starts at its first segment and resynchronises on a message start', async () => {
  const c = conversation();
  c.handshake();
  c.send(true, Buffer.concat([init, message.subarray(0, 7)])); // before the capture started
  const packets = [...c.send(true, message.subarray(7)), ...c.send(true, third), ...c.send(false, reply)];
  const { payloads, traffic } = await run(packets);
  assert.deepEqual(summary(payloads), [
    [2, [2], true, third.toString('hex'), false],
    [3, [3], false, reply.toString('hex'), false],
  ]);
  // What the reassembly noticed is shown on the first message of each direction.
  assert.deepEqual(payloads[0].notes, [
    { id: 'tcp-mid-stream', severity: 'note', message: 'TCP stream first seen mid-connection (no SYN): it starts at this segment' },
    { id: 'tcp-resync', severity: 'note', message: 'resynchronised at a message start after skipping 11 bytes' },
  ]);
  assert.deepEqual(payloads[1].notes, [{ id: 'tcp-mid-stream', severity: 'note', message: 'TCP stream first seen mid-connection (no SYN): it starts at this segment' }]);
  assert.deepEqual(traffic.notes, [
    { frame: 1, message: 'TCP stream first seen mid-connection (no SYN): it starts at this segment' },
    { frame: 2, message: 'resynchronised at a message start after skipping 11 bytes' },
    { frame: 3, message: 'TCP stream first seen mid-connection (no SYN): it starts at this segment' },
  ]);
});

test('a gap never filled: the bytes before it are passed on, with where the hole is and what was skipped after it; the stream resynchronises', async () => {
  const c = conversation();
  const opening = [...c.handshake(), ...c.send(true, init)];
  const [head, , tail] = c.send(true, message, { splitAt: [2, 8] }); // the middle is never captured
  const packets = [...opening, head, tail, ...c.send(true, third), ...c.close()];
  const { payloads, traffic } = await run(packets);
  // The server's FIN-ACK (frame 9) acknowledges the missing bytes: only then is the gap certain.
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [9, [5], true, head.subarray(-2).toString('hex'), false],
    [9, [7], true, third.toString('hex'), false],
  ]);
  const gap = 'TCP hole of 6 bytes at stream byte 30 never filled: the message ends there (2 of 18 bytes); 10 bytes after it skipped to the next message start';
  const resync = 'resynchronised at a message start after skipping 10 bytes';
  assert.deepEqual(payloads[1].notes, [{ id: 'tcp-gap', severity: 'warning', message: gap }]);
  assert.deepEqual(payloads[2].notes, [{ id: 'tcp-resync', severity: 'note', message: resync }]);
  assert.equal(traffic.stats.dropped.tcpBytes, 10);
  assert.deepEqual(traffic.notes, [
    { frame: 9, message: gap },
    { frame: 9, message: resync },
  ]);
});

test('out-of-order buffer limit: the hole is given up with a note instead of buffering more', async () => {
  const c = conversation();
  const handshake = c.handshake();
  const initSegments = c.send(true, init);
  const [lost] = c.send(true, message);
  const later = [third, third, third].flatMap((m) => c.send(true, m)); // 18 bytes each
  const traffic = notedTraffic({ limits: { tcpDirectionBytes: 40 } });
  const { payloads } = await run([...handshake, ...initSegments, ...later], traffic);
  assert.ok(lost.length > 0);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [7, [5], true, third.toString('hex'), false],
    [7, [6], true, third.toString('hex'), false],
    [7, [7], true, third.toString('hex'), false],
  ]);
  assert.deepEqual(traffic.notes, [
    { frame: 7, message: 'TCP out-of-order buffer limit reached: 18 missing bytes given up' },
    { frame: 7, message: 'TCP hole of 18 bytes at stream byte 28 never filled' },
  ]);
});

test('the other side acknowledging data the capture lacks makes the hole a gap at once', async () => {
  const c = conversation();
  const handshake = c.handshake();
  const initSegments = c.send(true, init);
  c.send(true, message); // not captured
  const after = c.send(true, third);
  const ack = c.send(false, reply); // acknowledges everything the client sent
  const { payloads, traffic } = await run([...handshake, ...initSegments, ...after, ...ack]);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [6, [5], true, third.toString('hex'), false],
    [6, [6], false, reply.toString('hex'), false],
  ]);
  assert.deepEqual(traffic.notes, [{ frame: 6, message: 'TCP hole of 18 bytes at stream byte 28 never filled' }]);
});

test('a segment cut by the snap length: the message it cuts is passed on, truncated, the stream goes on after it', async () => {
  const c = conversation();
  const handshake = c.handshake();
  const [both] = c.send(true, Buffer.concat([init, message]));
  const cut = both.subarray(0, both.length - 8);
  const records = captureRecords([...handshake, cut, ...c.send(true, third), ...c.close()], 101);
  records[3].originalLength = both.length;
  const traffic = notedTraffic();
  const payloads = await collectIcqPayloads(recordStream(records), traffic);
  assert.deepEqual(summary(payloads), [
    [4, [4], true, init.toString('hex'), false],
    [4, [4], true, message.subarray(0, 10).toString('hex'), true],
    [5, [5], true, third.toString('hex'), false],
  ]);
  const cutNotes = [
    { id: 'snap-cut', severity: 'warning', message: 'snap length cut 8 bytes of TCP payload' },
    { id: 'tcp-gap', severity: 'warning', message: '8 bytes the frame lacks at stream byte 38: the message ends there (10 of 18 bytes)' },
  ];
  assert.deepEqual(payloads[1].notes, cutNotes);
  assert.deepEqual(traffic.notes, cutNotes.map(({ message }) => ({ frame: 4, message })));
});
