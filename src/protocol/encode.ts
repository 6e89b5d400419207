import { textEncoder } from './charset.js';
import { findVariant } from './client-variants.js';
import { PROTOCOL_VERSION } from './headers.js';
import type { CommandTable, FieldSpec, LayoutVariant } from './types.js';
import { documentReading, readingIn, type Reading } from './variant-tables.js';

/**
 * The encoder: writes a PDU from a command table and field values, walking the same tables the dissector
 * reads. Used by `npm run samples` and by the tests. Defaults: the document's fixed value for X-fields, 0
 * for numbers, "" for text; LENGTH and counts are computed. A Buffer for any field is written verbatim
 * (how tests build malformed packets).
 */

export type EncodeValue = number | string | Buffer | readonly string[] | readonly EncodeValues[];
export interface EncodeValues {
  [name: string]: EncodeValue | undefined;
}

export interface EncodeOptions {
  charset?: string;
  /** Name of the layout variant to write (default: the document's, else the first). */
  layout?: string;
  /** Name of the client variant whose byte orders and field order to write (src/protocol/client-variants.ts). */
  variant?: string;
}

const INT_SIZE = { u8: 1, u16: 2, u32: 4, i32: 4 } as const;

function readingFor(table: CommandTable, variantName: string | undefined): Reading {
  if (variantName === undefined) return documentReading(table.direction, table);
  const variant = findVariant(variantName);
  if (!variant || table.direction === 'peer-to-peer') throw new Error(`no client variant "${variantName}" for ${table.direction}`);
  return readingIn(variant, table.direction, table.code);
}

export function encodePdu(documentTable: CommandTable, values: EncodeValues, opts: EncodeOptions = {}): Buffer {
  const { header, table = documentTable } = readingFor(documentTable, opts.variant);
  const layout = pickLayout(table, opts.layout);
  const encodeText = textEncoder(opts.charset ?? 'windows-1252');
  const withHeader = { VERSION: PROTOCOL_VERSION, COMMAND: table.code, ...values };
  const body = Buffer.concat(encodeFields([...header, ...layout.fields], withHeader, encodeText));
  if (table.direction === 'peer-to-peer' && values.LENGTH === undefined) body.writeUInt16LE(body.length - 2, 0);
  return body;
}

function pickLayout(table: CommandTable, name: string | undefined): LayoutVariant {
  const layout = name === undefined ? table.layouts.find((l) => l.name === 'document') ?? table.layouts[0] : table.layouts.find((l) => l.name === name);
  if (!layout) throw new Error(`${table.name} has no layout "${name}"`);
  return layout;
}

function encodeFields(specs: readonly FieldSpec[], given: EncodeValues, encodeText: (t: string) => Buffer): Buffer[] {
  // A count field comes before its group: fill it from the group's length unless given.
  const values = { ...given };
  for (const spec of specs) {
    if (spec.type.kind === 'repeat' && values[spec.type.count] === undefined) {
      const items = values[spec.name];
      values[spec.type.count] = Array.isArray(items) ? items.length : 0;
    }
  }
  return specs.flatMap((spec) => encodeField(spec, values, encodeText));
}

function encodeField(spec: FieldSpec, values: EncodeValues, encodeText: (t: string) => Buffer): Buffer[] {
  const given = values[spec.name];
  if (Buffer.isBuffer(given) && spec.type.kind !== 'lstring') return [given];
  const type = spec.type;
  switch (type.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32': {
      if (given === undefined && spec.expected !== undefined) return [Buffer.from(spec.expected, 'hex')];
      const out = Buffer.alloc(INT_SIZE[type.kind]);
      const n = typeof given === 'number' ? given : 0;
      const be = spec.order === 'be';
      if (type.kind === 'u8') out.writeUInt8(n);
      else if (type.kind === 'u16') be ? out.writeUInt16BE(n) : out.writeUInt16LE(n);
      else if (type.kind === 'u32') be ? out.writeUInt32BE(n >>> 0) : out.writeUInt32LE(n >>> 0);
      else be ? out.writeInt32BE(n) : out.writeInt32LE(n);
      return [out];
    }
    case 'ipv4':
      return [Buffer.from((typeof given === 'string' ? given : '0.0.0.0').split('.').map(Number))];
    case 'bytes':
      return [spec.expected !== undefined ? Buffer.from(spec.expected, 'hex') : Buffer.alloc(type.length)];
    case 'rest':
      return [];
    case 'lstring': {
      const content = Buffer.isBuffer(given)
        ? given
        : Buffer.concat([Array.isArray(given) ? joinParts(given as readonly string[], encodeText) : encodeText(typeof given === 'string' ? given : ''), Buffer.of(0)]);
      const declared = values[`${spec.name}.LENGTH`];
      const length = Buffer.alloc(2);
      const n = typeof declared === 'number' ? declared : content.length;
      if (spec.order === 'be') length.writeUInt16BE(n);
      else length.writeUInt16LE(n);
      return [length, content];
    }
    case 'repeat': {
      const items = (Array.isArray(given) ? given : []) as readonly EncodeValues[];
      return items.flatMap((item) => encodeFields(type.fields, item, encodeText));
    }
    case 'group':
      return encodeFields(type.fields, values, encodeText);
  }
}

function joinParts(parts: readonly string[], encodeText: (t: string) => Buffer): Buffer {
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [encodeText(p)] : [Buffer.of(0xfe), encodeText(p)])));
}
