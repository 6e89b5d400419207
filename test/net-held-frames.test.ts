import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelInit, PEER_COMMAND, peerCommand } from './support/peer-bytes.js';
import { captureRecords } from './support/records.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { fragmentIpv4 } from '../src/writers/build-fragments.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { IcqPayloadReader } from '../src/net/icq-payloads.js';
import { IcqTraffic } from '../src/net/icq-traffic.js';
import type { TransportPayload } from '../src/net/payload.js';

/** -w decides a frame once the network layer holds none of its bytes: the oldest frame held, after each frame. */

const client = { ip: '10.0.0.1', port: 1100 };
const server = { ip: '10.0.0.2', port: 1200 };
const init = channelInit(11111, 1100);
const message = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000600', 'hex'));

function readFrameByFrame(packets: Buffer[]): { held: (number | undefined)[]; payloads: TransportPayload[] } {
  const reader = new IcqPayloadReader(new IcqTraffic());
  const held: (number | undefined)[] = [];
  const payloads: TransportPayload[] = [];
  for (const record of captureRecords(packets, 101)) {
    payloads.push(...reader.payloads([record]));
    held.push(reader.oldestHeldFrame());
  }
  payloads.push(...reader.finish());
  return { held, payloads };
}

test('a message cut over two segments holds its first frame until the second completes it', () => {
  const c = new TcpConversationBuilder(client, server, { clientIsn: 1000 });
  const { held, payloads } = readFrameByFrame([...c.handshake(), ...c.send(true, init), ...c.send(true, message, { splitAt: [2] })]);
  assert.deepEqual(held, [undefined, undefined, undefined, undefined, 5, undefined]);
  assert.deepEqual(payloads.map((p) => [p.frames, p.tcpSeq]), [[[4], 1001], [[5, 6], 1001 + init.length]]);
});

test('an out-of-order segment is held until the hole before it fills', () => {
  const c = new TcpConversationBuilder(client, server, { clientIsn: 1000 });
  const handshake = c.handshake();
  const [first, second] = c.send(true, Buffer.concat([init, message]), { splitAt: [init.length] });
  const { held, payloads } = readFrameByFrame([...handshake, second!, first!]);
  assert.deepEqual(held, [undefined, undefined, undefined, 4, undefined]);
  assert.deepEqual(payloads.map((p) => [p.frame, p.frames, p.tcpSeq]), [[5, [5], 1001], [5, [4], 1001 + init.length]]);
});

test('IP fragments are held until their datagram is whole', () => {
  const login = Buffer.alloc(60, 0x41);
  const fragments = fragmentIpv4(udpPacket(client, { ip: '10.0.0.2', port: 4000 }, login), 3);
  const { held, payloads } = readFrameByFrame(fragments);
  assert.deepEqual(held, [1, 1, undefined]);
  assert.deepEqual(payloads.map((p) => [p.frames, p.tcpSeq]), [[[1, 2, 3], undefined]]);
});
