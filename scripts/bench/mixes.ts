import { closeSync, openSync, writeSync } from 'node:fs';
import { pcapFileHeader, pcapRecord, type WritableRecord } from '../../src/writers/write-pcap.js';
import { ethernetFrame } from '../../src/writers/build-link.js';
import { ethernetRecords } from '../samples/build-samples.js';
import { sampleSession } from '../samples/scenario.js';
import { SessionScript, UdpClient } from '../samples/session-script.js';

/**
 * The benchmark's two traffic mixes, as streams of Ethernet records (never held whole in memory):
 * the sample session repeated (realistic: TCP peers, many commands), and a million small UDP PDUs.
 */

/** Rounds of the sample session before its client ports would pass 65535; later rounds reuse them, later in time. */
const PORT_ROUNDS = 25_000;
const ROUND_SECONDS = 300;

/** The sample session again and again: other client ports and later times each round. */
export function* sessionMix(frames: number): Generator<WritableRecord> {
  let written = 0;
  for (let round = 0; written < frames; round++) {
    const shift = Math.floor(round / PORT_ROUNDS) * PORT_ROUNDS * ROUND_SECONDS;
    for (const record of ethernetRecords(sampleSession(6, round % PORT_ROUNDS))) {
      if (written++ === frames) return;
      yield { ...record, time: { ...record.time, seconds: record.time.seconds + shift } };
    }
  }
}

const SERVER = { ip: '192.0.2.1', port: 4000 };
const CLIENTS = 200;
/** Each client sends a message and a KEEP_ALIVE every 120 s (the document's interval), each ACKed. */
const CYCLE_MS = 120_000;

/** Many clients, each in turn: SEND_MESSAGE, its ACK, KEEP_ALIVE, its ACK. */
export function* smallUdpMix(frames: number): Generator<WritableRecord> {
  const script = new SessionScript(900_000_000, 6);
  const clients = Array.from({ length: CLIENTS }, (_, i) => new UdpClient(script, { ip: `198.51.${100 + (i >> 8)}.${i & 0xff}`, port: 1024 + i }, SERVER, 10_000 + i));
  const gapMs = CYCLE_MS / CLIENTS / 2; // UdpClient adds its own small gaps too
  let written = 0;
  for (let turn = 0; written < frames; turn++) {
    const client = clients[turn % CLIENTS]!;
    script.clock.advance(gapMs);
    client.send('SEND_MESSAGE', { RECEIVER_UIN: 10_000 + ((turn + 1) % CLIENTS), MESSAGE_TYPE: 1, MESSAGE: `message ${turn}` });
    script.clock.advance(gapMs);
    client.send('KEEP_ALIVE');
    for (const p of script.packets.splice(0)) {
      if (written++ === frames) return;
      yield { time: p.time, bytes: ethernetFrame(p.packet) };
    }
  }
}

export const MIXES = { session: sessionMix, 'small-udp': smallUdpMix } as const;
export type MixName = keyof typeof MIXES;

/** Writes a classic pcap (Ethernet, µs) record by record, in 1 MiB writes. Returns the file's size. */
export function writeMixFile(path: string, records: Iterable<WritableRecord>): number {
  const opts = { linkType: 1 };
  const fd = openSync(path, 'w');
  let pending: Buffer[] = [pcapFileHeader(opts)];
  let pendingBytes = 0;
  let size = 0;
  const flush = (): void => {
    const chunk = Buffer.concat(pending);
    writeSync(fd, chunk);
    size += chunk.length;
    pending = [];
    pendingBytes = 0;
  };
  try {
    for (const record of records) {
      for (const part of pcapRecord(record, opts)) {
        pending.push(part);
        pendingBytes += part.length;
      }
      if (pendingBytes >= 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return size;
}
