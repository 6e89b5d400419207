import type { DissectedPdu, Field } from '../dissect/pdu.js';
import type { FramePart } from '../net/payload.js';
import { fieldReading, hexOffset, unknownMark } from './field-reading.js';
import { fitLine } from './fit-line.js';
import type { ByteRange } from './redact.js';
import { fieldColour, type Style } from './style.js';

/**
 * -x as tshark's: the frame's bytes (offset, 16 hex bytes, ASCII column) with the PDU's bytes between
 * `[` and `]`, and for a PDU reassembled from several frames also the reassembled bytes, each frame's
 * share starting at a `|`; with several dumps each has tshark's title ("Frame (92 bytes):"). Then a
 * legend: each field's range in the last dump, its reading and unknown mark. With colour each field's
 * bytes share a colour (cycled in wire order) and the bytes outside the PDU are dim. Masked bytes
 * (--redact) show as ** and *.
 */

const BYTES_PER_LINE = 16;
/** The legend is a key to the dump: a long reading (a message) is cut, the tree and JSON have it whole. */
const MAX_READING_CHARS = 48;

/** One dump: bytes, where the PDU's bytes lie in them, and the marks drawn in the gaps between bytes. */
interface Dump {
  title: string;
  bytes: Buffer;
  /** The PDU offset of byte i of the dump, undefined outside the PDU. */
  pduOffset: (i: number) => number | undefined;
  /** Mark drawn in the gap before byte i (i = bytes.length: after the last byte). */
  marks: Map<number, string>;
}

/** Leaf fields in wire order: a group's bytes belong to its parts. */
function leaves(fields: readonly Field[], into: Field[] = []): Field[] {
  for (const field of fields) {
    if (field.fields && field.fields.length > 0) leaves(field.fields, into);
    else if (field.length > 0) into.push(field);
  }
  return into;
}

function frameDump(bytes: Buffer, part: { start: number; end: number; at: number } | undefined): Dump {
  const marks = new Map<number, string>();
  // An empty PDU (a UDP datagram without payload) has no bytes to mark.
  if (part && part.end > part.start) marks.set(part.at, '[').set(part.at + part.end - part.start, ']');
  const pduOffset = (i: number): number | undefined => (part && i >= part.at && i < part.at + part.end - part.start ? i - part.at + part.start : undefined);
  return { title: `Frame (${bytes.length} bytes):`, bytes, pduOffset, marks };
}

function reassembledDump(dissected: DissectedPdu, parts: readonly FramePart[]): Dump {
  const { bytes } = dissected;
  const marks = new Map<number, string>(parts.slice(1).map((part) => [part.start, '|']));
  const what = dissected.pdu.transport === 'tcp' ? 'TCP' : 'UDP payload';
  return { title: `Reassembled ${what} (${bytes.length} bytes):`, bytes, pduOffset: (i) => i, marks };
}

/** The frame, and the PDU's bytes too unless the frame holds all of them. */
function dumpsOf(dissected: DissectedPdu): Dump[] {
  const { completing, bytes } = dissected;
  const parts = dissected.parts ?? [];
  const whole = completing?.part !== undefined && completing.part.start === 0 && completing.part.end === bytes.length;
  const dumps = completing ? [frameDump(completing.bytes, completing.part)] : [];
  if (!whole) dumps.push(reassembledDump(dissected, parts));
  return dumps;
}

function renderDump(dump: Dump, paintAt: (pduOffset: number | undefined, text: string) => string): string[] {
  const { bytes, marks } = dump;
  const gap = (i: number): string => marks.get(i) ?? ' ';
  const lines: string[] = [];
  for (let line = 0; line < bytes.length; line += BYTES_PER_LINE) {
    const end = Math.min(line + BYTES_PER_LINE, bytes.length);
    let hex = '';
    let ascii = '';
    for (let i = line; i < end; i += 1) {
      const at = dump.pduOffset(i);
      const byte = bytes[i] as number;
      hex += gap(i) + paintAt(at, byte.toString(16).padStart(2, '0'));
      ascii += paintAt(at, byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.');
    }
    lines.push(`${hexOffset(line)} ${hex}${gap(end)}${'   '.repeat(BYTES_PER_LINE - (end - line))}  ${ascii}`);
  }
  return lines;
}

function cut(text: string): string {
  return text.length > MAX_READING_CHARS ? `${text.slice(0, MAX_READING_CHARS - 1)}…` : text;
}

/** `columns`: the terminal's width, which the legend's lines are fitted to (the dump's rows are 73 columns, as tshark's). */
export function renderHexDump(dissected: DissectedPdu, style: Style, masked: readonly ByteRange[] = [], columns?: number): string {
  const spans = leaves(dissected.pdu.fields);
  const paints: Array<(text: string) => string> = [];
  spans.forEach((field, index) => {
    const paint = fieldColour(style, index);
    for (let i = field.offset; i < field.offset + field.length; i += 1) paints[i] = paint;
  });
  const isMasked = (i: number): boolean => masked.some((range) => i >= range.start && i < range.end);
  const paintAt = (at: number | undefined, text: string): string => {
    if (at === undefined) return style.dim(text);
    const shown = isMasked(at) ? '*'.repeat(text.length) : text;
    return (paints[at] ?? ((plain: string) => plain))(shown);
  };

  const dumps = dumpsOf(dissected);
  const lines: string[] = [];
  for (const dump of dumps) {
    if (dumps.length > 1) lines.push(dump.title);
    lines.push(...renderDump(dump, paintAt));
  }
  // Legend offsets count in the last dump: the frame's where it is the only one (it holds the whole PDU).
  const framePart = dumps.length === 1 ? dissected.completing?.part : undefined;
  const shift = framePart?.at ?? 0;
  const { length } = dissected.bytes;
  if (framePart && length > 0) lines.push(`  ${hexOffset(shift)}-${hexOffset(shift + length - 1)}  ICQ PDU (${length} bytes): the tree's offsets count from ${hexOffset(shift)}`);
  if (dissected.parts) lines.push(fitLine(`  ${dissected.parts.map((part) => `frame ${part.frame}: ${hexOffset(part.start)}-${hexOffset(part.end - 1)}`).join(', ')}`, columns));
  spans.forEach((field, index) => {
    const range = `${hexOffset(field.offset + shift)}-${hexOffset(field.offset + field.length - 1 + shift)}`;
    lines.push(fitLine(`  ${range}  ${fieldColour(style, index)(field.name)}: ${cut(fieldReading(field))}${unknownMark(style, field)}`, columns));
  });
  return lines.join('\n') + '\n';
}
