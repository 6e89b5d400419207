import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { channelInit } from './support/peer-bytes.js';
import { captureRecords } from './support/records.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { IcqPayloadReader } from '../src/net/icq-payloads.js';
import { IcqTraffic } from '../src/net/icq-traffic.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** One short peer connection: handshake, CHANNEL_INIT, FIN both ways. */
function connection(i: number): Buffer[] {
  const client = { ip: `10.1.${i >> 8 & 0xff}.${i & 0xff}`, port: 1024 + (i % 60000) };
  const conversation = new TcpConversationBuilder(client, { ip: '10.0.0.1', port: 1200 });
  return [...conversation.handshake(), ...conversation.send(true, channelInit(11111, 1100)), ...conversation.close()];
}

test('the TCP connection table does not grow with the capture while it stays under its limit (a kept Map iterator held every outgrown table)', () => {
  const traffic = new IcqTraffic({ limits: { tcpConnections: 4096 } });
  const reader = new IcqPayloadReader(traffic);
  // 10 ms a frame: closed connections are forgotten after 240 s, so about 3,000 are kept at once, under a limit of 4,096.
  const start = { seconds: 900_000_000, nanos: 0, digits: 6 };
  let frame = 0;
  let payloads = 0;
  const heap: number[] = [];
  const connections = 24_000;
  for (let i = 0; i < connections; i++) {
    const records = captureRecords(connection(i), 101, { ...start, seconds: start.seconds + frame / 100 }).map((r) => ({ ...r, index: ++frame }));
    for (const payload of reader.payloads(records)) payloads += payload.bytes.length > 0 ? 1 : 0;
    if (i === connections / 4 || i === connections - 1) heap.push(heapAfterGc());
  }
  assert.equal(payloads, connections);
  const grownMb = (heap[1]! - heap[0]!) / 2 ** 20;
  assert.ok(grownMb < 4, `heap grew ${grownMb.toFixed(1)} MB from ${connections / 4} to ${connections} connections`);
});
