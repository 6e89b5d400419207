import { Readable } from 'node:stream';
import { dissectCapture } from '../../src/dissect/dissect-capture.js';
import type { Field } from '../../src/dissect/pdu.js';
import { CLIENT_HEADER, SERVER_HEADER } from '../../src/protocol/headers.js';
import { ALL_COMMANDS } from '../../src/protocol/registry.js';
import type { FieldSpec } from '../../src/protocol/types.js';
import type { CaptureMap, RecordMap } from './capture-map.js';

/**
 * The ICQ fields of a seed as file offsets, each with the kind of damage that suits it, read from the
 * tables: the dissector walks them over the seed's PDUs (full depth), and each leaf field's place in its
 * PDU is mapped back through the frames (a TCP message through its segments' sequence numbers).
 */

/** What a field is, as the tables declare it: a command code, a string's LENGTH, a group's count, text, a number, raw bytes. */
export type IcqFieldKind = 'command' | 'length' | 'count' | 'string' | 'number' | 'bytes';

export interface IcqFieldTarget {
  name: string;
  kind: IcqFieldKind;
  /** File offset of the field's first byte, and how many of its bytes lie in that frame. */
  at: number;
  length: number;
  /** Index in the map's records of the frame holding it. */
  record: number;
  /** The field's bytes as the dissector read them (those in that frame): what the file holds at `at`. */
  hex: string;
}

/** Every field name of every table (headers, layouts, groups) with its kind; one name means one thing. */
function fieldKinds(): Map<string, IcqFieldKind> {
  const kinds = new Map<string, IcqFieldKind>([['LENGTH', 'length']]);
  const visit = (specs: readonly FieldSpec[]): void => {
    for (const spec of specs) {
      const { type } = spec;
      if (type.kind === 'repeat') {
        kinds.set(type.count, 'count');
        visit(type.fields);
      } else if (type.kind === 'group') visit(type.fields);
      if (kinds.has(spec.name)) continue;
      if (spec.meaning === 'command') kinds.set(spec.name, 'command');
      else if (type.kind === 'lstring') kinds.set(spec.name, 'string');
      else if (type.kind === 'u8' || type.kind === 'u16' || type.kind === 'u32' || type.kind === 'i32') kinds.set(spec.name, 'number');
    }
  };
  visit([...CLIENT_HEADER, ...SERVER_HEADER]);
  for (const table of ALL_COMMANDS) for (const layout of table.layouts) visit(layout.fields);
  return kinds;
}

const KINDS = fieldKinds();

/** Every command code the tables name (what a COMMAND field is set to, besides codes nobody names). */
export const COMMAND_CODES: readonly number[] = [...new Set(ALL_COMMANDS.map((table) => table.code))];

const leaves = (fields: readonly Field[]): Field[] => fields.flatMap((f) => (f.fields && f.fields.length > 0 ? leaves(f.fields) : [f]));

export async function icqTargets(bytes: Buffer, map: CaptureMap): Promise<IcqFieldTarget[]> {
  const targets: IcqFieldTarget[] = [];
  for await (const d of dissectCapture({ stream: Readable.from([bytes]), name: 'seed' })) {
    const place = d.tcpSeq === undefined ? udpPlace(map, d.pdu.frames) : tcpPlace(map, d.pdu.frames, d.tcpSeq);
    for (const field of leaves(d.pdu.fields)) {
      const found = field.length > 0 ? place(field.offset) : undefined;
      if (!found) continue;
      const kind = KINDS.get(field.name) ?? 'bytes';
      const length = Math.min(field.length, found.room);
      targets.push({ name: field.name, kind, at: found.at, length, record: found.record, hex: field.hex.slice(0, 2 * length) });
    }
  }
  return targets;
}

type Place = (offset: number) => { at: number; room: number; record: number } | undefined;

const UDP_HEADER = 8;

/** A datagram's byte `offset` (after its UDP header) lies in the fragment whose share of the datagram covers it. */
function udpPlace(map: CaptureMap, frames: readonly number[]): Place {
  return (offset) => {
    const inDatagram = UDP_HEADER + offset;
    for (const frame of frames) {
      const part = map.records[frame - 1]?.datagram;
      const into = part ? inDatagram - part.offset : -1;
      if (part && into >= 0 && into < part.length) return { at: part.at + into, room: part.length - into, record: frame - 1 };
    }
    return undefined;
  };
}

/** A TCP message's byte `offset` lies in the segment whose sequence numbers cover tcpSeq + offset. */
function tcpPlace(map: CaptureMap, frames: readonly number[], tcpSeq: number): Place {
  const segments = frames.map((frame) => ({ record: frame - 1, map: map.records[frame - 1] })).filter((s): s is { record: number; map: RecordMap } => s.map?.transport?.seq !== undefined);
  return (offset) => {
    for (const { record, map: r } of segments) {
      const into = (tcpSeq + offset - r.transport!.seq!) >>> 0;
      if (r.payload && into < r.payload.length) return { at: r.payload.at + into, room: r.payload.length - into, record };
    }
    return undefined;
  };
}
