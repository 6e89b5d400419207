import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { collect } from './capture-collect.js';
import { channelInit, PEER_COMMAND, peerCommand } from './support/peer-bytes.js';
import { prng } from './support/prng.js';
import { readCapture } from '../src/capture/open.js';
import { dissectCaptureBatches } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { TCP_FLAG } from '../src/net/transport-header.js';
import { ethernetFrame } from '../src/writers/build-link.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { internetChecksum } from '../src/writers/checksum.js';
import { adjustedChecksum } from '../src/writers/frame-redaction.js';
import { PduCaptureWriter, type ByteSink } from '../src/writers/pdu-capture-writer.js';
import { writePcap } from '../src/writers/write-pcap.js';

/** The writer's choice of frames, driven as the command line drives it: a tap on the reader, then every PDU's verdict. */

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-writer-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

class MemorySink implements ByteSink {
  closed = false;
  readonly chunks: Buffer[] = [];
  async write(bytes: Buffer): Promise<void> {
    this.chunks.push(bytes);
  }
}

const peerA = { ip: '10.0.0.1', port: 1100 };
const peerB = { ip: '10.0.0.2', port: 1200 };
const init = channelInit(11111, 1100);
const message = (n: number) => peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from(`00000000010006${n.toString(16).padStart(2, '0')}`, 'hex'));
const ack = peerCommand(22222, PEER_COMMAND.ACK, Buffer.from('0000000001000100', 'hex'));

async function capture(packets: Buffer[]): Promise<string> {
  const path = join(dir, `capture-${packets.length}-${Math.random().toString(36).slice(2)}.pcap`);
  await writeFile(path, writePcap(packets.map((packet, i) => ({ time: { seconds: 900_000_000, nanos: i * 1000, digits: 6 }, bytes: ethernetFrame(packet) })), { linkType: 1 }));
  return path;
}

/** The frames written (as indexes into `packets`, 1-based), with `displayed` choosing the PDUs; `count` stops as -c does. */
async function written(path: string, displayed: (d: DissectedPdu) => boolean, opts: { limit?: number; count?: number } = {}) {
  const sink = new MemorySink();
  const writer = new PduCaptureWriter(sink, undefined, opts.limit);
  let shown = 0;
  batches: for await (const batch of dissectCaptureBatches(path, { tap: writer })) {
    for (const d of batch) {
      const show = displayed(d);
      writer.pdu(d, [], show);
      if (show && ++shown === opts.count) {
        writer.stoppedAt(d.pdu.frame);
        break batches;
      }
    }
  }
  await writer.finish();
  const { records } = await collect(readCapture(Readable.from([Buffer.concat(sink.chunks)]), 'written'));
  const { records: input } = await collect(readCapture(Readable.from([await readFile(path)]), 'input'));
  return { frames: records.map((r) => input.findIndex((o) => o.bytes.equals(r.bytes)) + 1), leftOut: writer.leftOut };
}

const isMessage = (n: number) => (d: DissectedPdu) => d.bytes.equals(message(n));

test('a segment holding the end of one displayed message and the start of the next is written once, in order', async () => {
  const c = new TcpConversationBuilder(peerA, peerB);
  const both = Buffer.concat([message(1), message(2)]);
  const packets = [...c.handshake(), ...c.send(true, init), ...c.send(true, both, { splitAt: [message(1).length - 3, message(1).length + 4] }), ...c.close()];
  const { frames } = await written(await capture(packets), (d) => isMessage(1)(d) || isMessage(2)(d));
  assert.deepEqual(frames, [1, 2, 3, 5, 6, 7, 8, 9, 10]);
});

test('the handshake ACK and the first ACK of a written segment go with it; a duplicate ACK and ACKs of hidden data do not', async () => {
  const c = new TcpConversationBuilder(peerA, peerB);
  const handshake = c.handshake();
  const first = c.send(true, init);
  const firstAck = c.segmentAt(false, c.nextSeq(false), Buffer.alloc(0), TCP_FLAG.ACK);
  const second = c.send(true, message(1));
  const secondAck = c.segmentAt(false, c.nextSeq(false), Buffer.alloc(0), TCP_FLAG.ACK);
  const packets = [...handshake, ...first, firstAck, ...second, secondAck, secondAck, ...c.close()];
  const { frames } = await written(await capture(packets), isMessage(1));
  // SYN, SYN-ACK, ACK; the message and its ACK (not its duplicate, not init's); FIN, FIN, last ACK
  assert.deepEqual(frames, [1, 2, 3, 6, 7, 9, 10, 11]);
});

test('a connection without a displayed PDU leaves nothing, its SYN waiting until it is over', async () => {
  const c = new TcpConversationBuilder(peerA, peerB);
  const udp = (seq: number) => udpPacket(peerA, { ip: '192.0.2.1', port: 4000 }, Buffer.from([2, 0, 0xe8, 3, seq, 0]));
  const packets = [...c.handshake(), udp(1), ...c.send(true, init), ...c.send(true, message(1)), udp(2), c.reset(true), udp(3)];
  const { frames, leftOut } = await written(await capture(packets), (d) => d.pdu.transport === 'udp');
  assert.deepEqual([frames, leftOut], [[4, 7, 9], 0]);
});

test('past the wait buffer the oldest frame is decided at once: a SYN before its displayed message is lost and counted', async () => {
  const c = new TcpConversationBuilder(peerA, peerB);
  const udp = (seq: number) => udpPacket(peerA, { ip: '192.0.2.1', port: 4000 }, Buffer.from([2, 0, 0xe8, 3, seq, 0]));
  const packets = [...c.handshake(), ...Array.from({ length: 40 }, (_, i) => udp(i)), ...c.send(true, init), ...c.send(true, message(1)), ...c.close()];
  const path = await capture(packets);
  const roomy = await written(path, isMessage(1));
  assert.deepEqual(roomy, { frames: [1, 2, 3, 45, 46, 47, 48], leftOut: 0 });
  // Room for about 20 of the 60-byte frames: the SYN, SYN-ACK and ACK are decided before the message shows up.
  const tight = await written(path, isMessage(1), { limit: 20 * (60 + 128) });
  assert.deepEqual(tight, { frames: [45, 46, 47, 48], leftOut: 1 });
});

test('-c stops the reading: what was displayed is written, with the frames of its connection read so far', async () => {
  const c = new TcpConversationBuilder(peerA, peerB);
  const packets = [...c.handshake(), ...c.send(true, init), ...c.send(true, message(1)), ...c.send(false, ack), ...c.send(true, message(2)), ...c.close()];
  const { frames } = await written(await capture(packets), (d) => d.pdu.command?.name === 'CHANNEL_MESSAGE', { count: 1 });
  assert.deepEqual(frames, [1, 2, 3, 5]);
});

test('adjustedChecksum (RFC 1624) equals the checksum computed again over the changed bytes', () => {
  const random = prng(12);
  for (let round = 0; round < 200; round++) {
    const data = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 80) }, () => Math.floor(random() * 256)));
    const checksum = internetChecksum(data);
    const changed = Buffer.from(data);
    const changes = [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * data.length)))].map((position) => {
      changed[position] = Math.floor(random() * 256);
      return { position, before: data[position]!, after: changed[position]! };
    });
    const expected = internetChecksum(changed);
    // 0000 and FFFF are the same number in one's complement; either verifies.
    assert.ok([expected, expected === 0 ? 0xffff : expected === 0xffff ? 0 : expected].includes(adjustedChecksum(checksum, changes)), `round ${round}`);
  }
});
