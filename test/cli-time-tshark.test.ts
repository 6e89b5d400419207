import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../src/writers/write-pcap.js';
import { ethernetFrame } from '../src/writers/build-link.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { cli } from './support/cli.js';
import { channelInit, PEER_COMMAND, peerCommand } from './support/peer-bytes.js';
import { encoded } from './format-fixtures.js';

/**
 * Our Time column against tshark's frame.time_relative, frame.time_delta and frame.time_delta_displayed
 * on one capture: it opens with frames that are no ICQ (DNS, a TCP handshake), a peer message arrives
 * out of order and completes 40 KB later (past the reader's batches), two messages share a segment,
 * and the filter hides the ACKs. Skips, visibly, where tshark is not installed.
 */

const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;
const skip = tsharkMissing ? 'tshark is not installed (apt-get install tshark): time cross-check skipped' : false;

const CLIENT = { ip: '198.51.100.10', port: 1026 };
const SERVER = { ip: '192.0.2.1', port: 4000 };
const DNS = { ip: '192.0.2.53', port: 53 };
const PEER = { ip: '198.51.100.20', port: 2001 };
const FILTER = 'command != ACK';

let dir = '';
let capture = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-time-tshark-'));
  capture = join(dir, 'times.pcap');
  const peer = new TcpConversationBuilder(CLIENT, PEER);
  const message = peerCommand(11111, PEER_COMMAND.MESSAGE, Buffer.from('0000000001000600', 'hex'));
  const keepAlive = (seq: number) => encoded('client-to-server', 'KEEP_ALIVE', { SEQ_NUM: seq, UIN: 11111 });
  const ack = (seq: number) => encoded('server-to-client', 'ACK', { SEQ_NUM: seq });
  const noise = (n: number) => udpPacket(CLIENT, DNS, Buffer.alloc(1400, n));
  const opening = [noise(0), ...peer.handshake(), ...peer.send(true, channelInit(11111, CLIENT.port))];
  const [head, body] = peer.send(true, message, { splitAt: [2] });
  const packets = [
    ...opening,
    udpPacket(CLIENT, SERVER, keepAlive(1)),
    udpPacket(SERVER, CLIENT, ack(1)),
    body!,
    ...Array.from({ length: 30 }, (_, n) => noise(n + 1)),
    head!,
    ...peer.send(true, Buffer.concat([message, message])),
    udpPacket(CLIENT, SERVER, keepAlive(2)),
    udpPacket(SERVER, CLIENT, ack(2)),
  ];
  // Uneven gaps, so a delta from the wrong frame shows.
  let micros = 900_000_000_000_000;
  const records = packets.map((packet, i) => {
    micros += 10_000 + ((i * 7919) % 5000);
    return { time: { seconds: Math.floor(micros / 1e6), nanos: (micros % 1e6) * 1000, digits: 6 }, bytes: ethernetFrame(packet) };
  });
  await writeFile(capture, writePcap(records, { linkType: 1 }));
});

after(() => rm(dir, { recursive: true, force: true }));

/** Our -T fields rows [frame, time] for one -t mode, the ACKs hidden. */
async function ours(mode: string): Promise<[number, string][]> {
  const result = await cli(['-T', 'fields', '-e', 'frame', '-e', 'time', '-t', mode, '-Y', FILTER, capture]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim().split('\n').map((line) => {
    const [frame, time] = line.split('\t');
    return [Number(frame), time!];
  });
}

/** tshark's times per frame for the frames we display (so its "displayed" are ours), to our 6 digits. */
function theirs(frames: readonly number[]): Map<number, { relative: string; delta: string; displayed: string }> {
  const fields = ['frame.number', 'frame.time_relative', 'frame.time_delta', 'frame.time_delta_displayed'].flatMap((name) => ['-e', name]);
  const out = execFileSync('tshark', ['-r', capture, '-Y', `frame.number in {${[...new Set(frames)].join(', ')}}`, '-T', 'fields', ...fields], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const sixDigits = (text: string) => Number(text).toFixed(6);
  return new Map(
    out.trim().split('\n').map((line) => {
      const [frame, relative, delta, displayed] = line.split('\t');
      return [Number(frame), { relative: sixDigits(relative!), delta: sixDigits(delta!), displayed: sixDigits(displayed!) }];
    }),
  );
}

test('-t r, -t d and -t dd agree with tshark frame by frame (non-ICQ frames first, a filter hiding PDUs)', { skip }, async () => {
  const relative = await ours('r');
  const frames = relative.map(([frame]) => frame);
  // The peer message sent out of order is completed by frame 39; frame 40 holds two messages; the ACKs are hidden.
  assert.deepEqual(frames, [5, 6, 39, 40, 40, 41]);
  const tshark = theirs(frames);
  assert.deepEqual(relative, frames.map((frame) => [frame, tshark.get(frame)!.relative]));
  assert.notEqual(relative[0]![1], '0.000000', 'the first PDU is not the first frame');
  assert.deepEqual(await ours('d'), frames.map((frame) => [frame, tshark.get(frame)!.delta]));
  // Displayed: the second PDU of a frame follows the first by nothing, as tshark has one row per frame.
  const displayed = frames.map((frame, i): [number, string] => [frame, frames[i - 1] === frame ? '0.000000' : tshark.get(frame)!.displayed]);
  assert.deepEqual(await ours('dd'), displayed);
});
