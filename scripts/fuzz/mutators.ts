import { gzipSync } from 'node:zlib';
import type { CaptureMap, RecordMap, Span } from './capture-map.js';
import { COMMAND_CODES, type IcqFieldTarget } from './icq-fields.js';

/**
 * Damage aimed at one layer of a capture at a time: the file and section headers, the record lengths,
 * the link, IP and UDP/TCP headers (options too), and ICQ fields chosen by kind from the tables; then the
 * record structure itself (records dropped, repeated, swapped), the whole gzipped, the file cut. Each step says what it did,
 * so a finding can be read without a hex editor.
 */

export interface Seed {
  name: string;
  bytes: Buffer;
  map: CaptureMap;
  icq: IcqFieldTarget[];
}

export interface Mutant {
  bytes: Buffer;
  /** What was done, step by step ("window 12-30", "ip total length of frame 14 = 65535"). */
  steps: string[];
}

export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const below = (random: Random, n: number): number => Math.floor(random() * n);

/** Values at the edges for a field `width` bytes wide holding `value`. */
function interesting(random: Random, width: number, value: number): number {
  const max = width >= 4 ? 0xffffffff : 2 ** (8 * width) - 1;
  const candidates = [0, 1, max, max - 1, Math.floor(max / 2), Math.floor(max / 2) + 1, value + 1, value - 1, value * 2, below(random, max + 1)];
  return (pick(random, candidates) >>> 0) % (max + 1);
}

function writeUint(bytes: Buffer, at: number, width: number, value: number, bigEndian: boolean): void {
  if (at + width > bytes.length) return;
  if (width === 1) bytes[at] = value & 0xff;
  else if (width === 2) bigEndian ? bytes.writeUInt16BE(value & 0xffff, at) : bytes.writeUInt16LE(value & 0xffff, at);
  else bigEndian ? bytes.writeUInt32BE(value >>> 0, at) : bytes.writeUInt32LE(value >>> 0, at);
}

function readUint(bytes: Buffer, at: number, width: number, bigEndian: boolean): number {
  if (at + width > bytes.length) return 0;
  if (width === 1) return bytes[at]!;
  if (width === 2) return bigEndian ? bytes.readUInt16BE(at) : bytes.readUInt16LE(at);
  return bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at);
}

/** A header field of `width` bytes at `at` set to an edge value; returns the step's words. */
function edge(bytes: Buffer, random: Random, at: number, width: number, bigEndian: boolean, what: string): string {
  const value = interesting(random, width, readUint(bytes, at, width, bigEndian));
  writeUint(bytes, at, width, value, bigEndian);
  return `${what} = ${value}`;
}

function randomBytes(bytes: Buffer, random: Random, span: Span, what: string): string {
  if (span.length <= 0) return `${what}: nothing to change`;
  const count = 1 + below(random, Math.min(4, span.length));
  for (let i = 0; i < count; i++) bytes[span.at + below(random, span.length)] = below(random, 256);
  return `${what}: ${count} random bytes`;
}

/** Link types the reader knows, and some it does not. */
const LINK_TYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147];
const ETHERTYPES = [0x0800, 0x86dd, 0x8100, 0x88a8, 0x9100, 0x0806, 0x0000, 0xffff];
const IP_PROTOCOLS = [6, 17, 0, 1, 41, 43, 44, 50, 59, 255];
/** Bytes a string from the wire must survive: controls, the message separator, NUL, the C1 CSI. */
const HOSTILE_TEXT_BYTES = [0x00, 0x07, 0x08, 0x0a, 0x0d, 0x1b, 0x7f, 0x9b, 0xfe, 0xff];

interface Context {
  bytes: Buffer;
  random: Random;
  map: CaptureMap;
  /** The records in the window, by index. */
  records: number[];
  icq: IcqFieldTarget[];
}

type Layer = (c: Context) => string | undefined;

function fileHeader({ bytes, random, map }: Context): string {
  const header = pick(random, map.headers);
  if (map.format === 'pcap') {
    const bigEndian = bytes.readUInt32BE(0) === 0xa1b2c3d4 || bytes.readUInt32BE(0) === 0xa1b23c4d;
    switch (below(random, 4)) {
      case 0:
        return edge(bytes, random, 16, 4, bigEndian, 'pcap snap length');
      case 1:
        writeUint(bytes, 20, 4, random() < 0.2 ? below(random, 300) : pick(random, LINK_TYPES), bigEndian);
        return `pcap link type = ${readUint(bytes, 20, 4, bigEndian)}`;
      case 2:
        writeUint(bytes, 0, 4, pick(random, [0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1]), true);
        return `pcap magic = ${bytes.subarray(0, 4).toString('hex')}`;
      default:
        return randomBytes(bytes, random, header, 'pcap file header');
    }
  }
  const bigEndian = bytes.readUInt32BE(header.at + 4) === header.length;
  switch (below(random, 3)) {
    case 0:
      return edge(bytes, random, header.at + 4, 4, bigEndian, `pcapng block at ${header.at} total length`);
    case 1:
      return edge(bytes, random, header.at + 8 + below(random, 2) * 4, 4, bigEndian, `pcapng block at ${header.at} word`);
    default:
      return randomBytes(bytes, random, { at: header.at + 8, length: header.length - 12 }, `pcapng block at ${header.at} body`);
  }
}

function recordLength({ bytes, random, map, records }: Context): string {
  const index = pick(random, records);
  const record = map.records[index]!;
  if (random() < 0.2) return randomBytes(bytes, random, record.header, `frame ${index + 1} record header`);
  const word = pick(random, record.lengths);
  const value = pick(random, [0, 1, word.value - 1, word.value + 1, word.value + 4, word.value * 2, 0xffff, 0x40000, 0xffffffff, below(random, 2 ** 32)]) >>> 0;
  writeUint(bytes, word.at, 4, value, word.bigEndian);
  return `frame ${index + 1} length word at ${word.at} = ${value} (was ${word.value})`;
}

function inWindow(c: Context, has: (r: RecordMap) => boolean): number | undefined {
  const candidates = c.records.filter((i) => has(c.map.records[i]!));
  return candidates.length === 0 ? undefined : pick(c.random, candidates);
}

function link(c: Context): string | undefined {
  const index = inWindow(c, (r) => r.ip !== undefined);
  if (index === undefined) return undefined;
  const record = c.map.records[index]!;
  const header = { at: record.frame.at, length: record.ip!.at - record.frame.at };
  if (record.linkType === 1 && c.random() < 0.6) {
    const ethertype = pick(c.random, ETHERTYPES);
    writeUint(c.bytes, record.ip!.at - 2, 2, ethertype, true);
    return `frame ${index + 1} ethertype = 0x${ethertype.toString(16)}`;
  }
  return randomBytes(c.bytes, c.random, header, `frame ${index + 1} link header`);
}

function ip(c: Context): string | undefined {
  const index = inWindow(c, (r) => r.ip !== undefined);
  if (index === undefined) return undefined;
  const { at, length } = c.map.records[index]!.ip!;
  const { bytes, random } = c;
  const what = `frame ${index + 1} ip`;
  if (bytes[at]! >> 4 === 6) {
    switch (below(random, 4)) {
      case 0:
        return edge(bytes, random, at + 4, 2, true, `${what} payload length`);
      case 1:
        bytes[at + 6] = pick(random, IP_PROTOCOLS);
        return `${what} next header = ${bytes[at + 6]}`;
      default:
        return randomBytes(bytes, random, { at, length }, `${what} header`);
    }
  }
  switch (below(random, 6)) {
    case 0:
      bytes[at] = 0x40 | below(random, 16);
      return `${what} header length = ${bytes[at]! & 15} words`;
    case 1:
      return edge(bytes, random, at + 2, 2, true, `${what} total length`);
    case 2: {
      const flags = pick(random, [0x2000, 0x4000, 0x0000, 0x8000]) | below(random, 0x2000);
      writeUint(bytes, at + 6, 2, flags, true);
      return `${what} flags/fragment offset = 0x${flags.toString(16)}`;
    }
    case 3:
      bytes[at + 9] = pick(random, IP_PROTOCOLS);
      return `${what} protocol = ${bytes[at + 9]}`;
    case 4:
      return randomBytes(bytes, random, { at: at + 12, length: 8 }, `${what} addresses`);
    default:
      // The header's tail: its options when it has them, else the fields before the addresses.
      return randomBytes(bytes, random, length > 20 ? { at: at + 20, length: length - 20 } : { at, length: 12 }, `${what} options/fields`);
  }
}

function transport(c: Context): string | undefined {
  const index = inWindow(c, (r) => r.transport !== undefined);
  if (index === undefined) return undefined;
  const header = c.map.records[index]!.transport!;
  const { bytes, random } = c;
  const { at } = header;
  const what = `frame ${index + 1} ${header.protocol === 6 ? 'tcp' : 'udp'}`;
  if (header.protocol !== 6) {
    switch (below(random, 3)) {
      case 0:
        writeUint(bytes, at + below(random, 2) * 2, 2, pick(random, [4000, 0, 65535, below(random, 65536)]), true);
        return `${what} port changed`;
      case 1:
        return edge(bytes, random, at + 4, 2, true, `${what} length`);
      default:
        return randomBytes(bytes, random, header, `${what} header`);
    }
  }
  switch (below(random, 6)) {
    case 0: {
      const seq = readUint(bytes, at + 4, 4, true);
      const moved = (seq + pick(random, [1, -1, 2 ** 31, below(random, 4000) - 2000, below(random, 2 ** 32)])) >>> 0;
      writeUint(bytes, at + 4, 4, moved, true);
      return `${what} seq ${seq} -> ${moved}`;
    }
    case 1:
      bytes[at + 12] = below(random, 16) << 4;
      return `${what} data offset = ${bytes[at + 12]! >> 4} words`;
    case 2:
      bytes[at + 13] = pick(random, [0x02, 0x01, 0x04, 0x12, 0x11, 0x18, 0x00, 0xff, below(random, 256)]);
      return `${what} flags = 0x${bytes[at + 13]!.toString(16)}`;
    case 3:
      writeUint(bytes, at + below(random, 2) * 2, 2, below(random, 65536), true);
      return `${what} port changed`;
    case 4:
      return header.length > 20 ? randomBytes(bytes, random, { at: at + 20, length: header.length - 20 }, `${what} options`) : randomBytes(bytes, random, header, `${what} header`);
    default:
      return edge(bytes, random, at + 8, 4, true, `${what} ack`);
  }
}

function icqField(c: Context): string | undefined {
  const inside = new Set(c.records);
  const targets = c.icq.filter((t) => inside.has(t.record));
  if (targets.length === 0) return undefined;
  const target = pick(c.random, targets);
  const { bytes, random } = c;
  const width = Math.min(target.length, 4);
  const what = `frame ${target.record + 1} ${target.name}`;
  switch (target.kind) {
    case 'command': {
      const code = random() < 0.7 ? pick(random, COMMAND_CODES) : below(random, 65536);
      writeUint(bytes, target.at, Math.min(width, 2), code, false);
      return `${what} = 0x${code.toString(16)}`;
    }
    case 'length':
    case 'count':
    case 'number':
      return edge(bytes, random, target.at, width === 3 ? 2 : width, random() < 0.15, `${what} (${target.kind})`);
    case 'string': {
      const at = target.at + below(random, target.length);
      bytes[at] = random() < 0.7 ? pick(random, HOSTILE_TEXT_BYTES) : below(random, 256);
      return `${what} byte ${at - target.at} = 0x${bytes[at]!.toString(16)}`;
    }
    case 'bytes':
      return randomBytes(bytes, random, target, what);
  }
}

const LAYERS: readonly [string, Layer][] = [
  ['file-header', fileHeader],
  ['record-length', recordLength],
  ['link', link],
  ['ip', ip],
  ['transport', transport],
  ['icq', icqField],
  ['icq', icqField],
  ['icq', icqField],
];

/** Records of the seed as pieces of the output file, with the headers in their places. */
function pieces(seed: Seed, bytes: Buffer, records: readonly number[]): Buffer[] {
  const spans = [...seed.map.headers, ...records.map((i) => seed.map.records[i]!.span)].sort((a, b) => a.at - b.at);
  return spans.map((s) => bytes.subarray(s.at, s.at + s.length));
}

/** Whole records moved about: dropped, repeated (a retransmission), swapped (out of order). */
function restructure(parts: Buffer[], firstRecord: number, random: Random, steps: string[]): Buffer[] {
  const out = [...parts];
  const i = firstRecord + below(random, Math.max(1, out.length - firstRecord));
  if (i >= out.length) return out;
  switch (below(random, 3)) {
    case 0:
      out.splice(i, 1);
      steps.push(`piece ${i} dropped`);
      break;
    case 1:
      out.splice(i, 0, out[i]!);
      steps.push(`piece ${i} repeated`);
      break;
    default:
      if (i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      steps.push(`pieces ${i} and ${i + 1} swapped`);
  }
  return out;
}

/** One mutant of a seed: a window of its records, one to three aimed changes, sometimes a structural one. */
export function mutate(seed: Seed, random: Random): Mutant {
  const total = seed.map.records.length;
  const whole = random() < 0.25 || total <= 1;
  const from = whole ? 0 : below(random, total);
  const to = whole ? total : Math.min(total, from + 1 + below(random, 32));
  const records = Array.from({ length: to - from }, (_, k) => from + k);
  const steps = [`${seed.name} frames ${from + 1}-${to}`];
  const bytes = Buffer.from(seed.bytes);
  const context: Context = { bytes, random, map: seed.map, records, icq: seed.icq };
  const changes = 1 + below(random, 3);
  for (let k = 0; k < changes; k++) {
    const [name, layer] = pick(random, LAYERS);
    const step = layer(context);
    if (step !== undefined) steps.push(`${name}: ${step}`);
  }
  let parts = pieces(seed, bytes, records);
  if (random() < 0.2) parts = restructure(parts, seed.map.headers.length === 1 ? 1 : 0, random, steps);
  let out = Buffer.concat(parts);
  if (random() < 0.05) {
    out = gzipSync(out);
    steps.push('gzipped');
  }
  if (random() < 0.1) {
    const cut = below(random, out.length);
    out = out.subarray(0, cut);
    steps.push(`file cut at ${cut}`);
  }
  return { bytes: out, steps };
}
