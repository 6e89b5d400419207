import type { Field } from '../dissect/pdu.js';
import type { ByteRange } from './redact.js';
import { fieldColour, type Style } from './style.js';

/**
 * tshark -x: offset, 16 hex bytes, ASCII column; then a legend. Each leaf field's bytes share a
 * colour (cycled in wire order) and the legend ties the colours to field names and offset ranges.
 * Masked bytes (--redact) show as ** and *.
 */

const BYTES_PER_LINE = 16;

interface Span {
  name: string;
  start: number;
  end: number;
  paint: (text: string) => string;
}

/** Leaf fields in wire order: a group's bytes belong to its parts. */
function leaves(fields: readonly Field[], into: Field[] = []): Field[] {
  for (const field of fields) {
    if (field.fields && field.fields.length > 0) leaves(field.fields, into);
    else if (field.length > 0) into.push(field);
  }
  return into;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

export function renderHexDump(bytes: Buffer, fields: readonly Field[], style: Style, masked: readonly ByteRange[] = []): string {
  const spans: Span[] = leaves(fields).map((field, index) => ({
    name: field.name,
    start: field.offset,
    end: field.offset + field.length,
    paint: fieldColour(style, index),
  }));
  const paintAt: Array<(text: string) => string> = [];
  for (const span of spans) for (let i = span.start; i < span.end; i += 1) paintAt[i] = span.paint;
  const isMasked = (i: number): boolean => masked.some((range) => i >= range.start && i < range.end);
  const paint = (i: number, text: string): string => (paintAt[i] ?? ((plain: string) => plain))(text);

  const lines: string[] = [];
  for (let line = 0; line < bytes.length; line += BYTES_PER_LINE) {
    const hex: string[] = [];
    let ascii = '';
    for (let i = line; i < Math.min(line + BYTES_PER_LINE, bytes.length); i += 1) {
      const byte = bytes[i] as number;
      const hidden = isMasked(i);
      hex.push(paint(i, hidden ? '**' : byte.toString(16).padStart(2, '0')));
      ascii += paint(i, hidden ? '*' : byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.');
    }
    const padding = '   '.repeat(BYTES_PER_LINE - hex.length);
    lines.push(`${hex4(line)}  ${hex.join(' ')}${padding}   ${ascii}`);
  }
  for (const span of spans) lines.push(`  ${hex4(span.start)}-${hex4(span.end - 1)}  ${span.paint(span.name)}`);
  return lines.join('\n') + '\n';
}
