import type { FieldSpec } from '../protocol/types.js';
import { PART_END, PART_JOIN, PART_SEPARATOR } from '../protocol/leftovers.js';
import { MESSAGE_TYPE_VARIANT_BIT, textReading } from '../protocol/meanings.js';
import { checkField } from './field-checks.js';
import { displayInteger, displayRaw, displayUnknownInteger } from './field-value.js';
import type { Field, Note } from './pdu.js';
import { orderedField, WalkedField, type Display, type FieldLabel } from './walked-field.js';
import { note } from '../net/note-kinds.js';
import { plural } from '../protocol/plural.js';

/**
 * The interpreter: walks a list of field specs over a PDU's bytes and yields annotated fields that
 * cover every byte it consumed exactly once. Malformed input gives error notes, never an exception.
 */

export type Value = number | string | null;

/**
 * How much of each field a walk makes: `full` the annotated tree that -V, -x and JSON show; `lean` what the
 * packet list, -T fields, -Y and the analysis read (values and places; hex and readings only if asked).
 */
export type WalkDepth = 'lean' | 'full';

export interface WalkContext {
  depth: WalkDepth;
  /** The whole PDU: offsets count from its first byte. */
  bytes: Buffer;
  decoder: TextDecoder;
  commandName: (code: number) => string | null;
  /** Values by field name, latest occurrence (later fields refer to earlier ones: counts, selectors). */
  values: Map<string, Value>;
  notes: Note[];
  /** The packet's own source port (a field check compares a port with it). */
  sourcePort: number;
}

export interface WalkResult {
  fields: Field[];
  /** Offset after the last byte consumed. */
  end: number;
  /** False when the bytes ran out or were malformed: the walk stopped there. */
  ok: boolean;
}

const FIXED_SIZE: Partial<Record<FieldSpec['type']['kind'], number>> = { u8: 1, u16: 2, u32: 4, i32: 4, ipv4: 4 };

export function walkFields(specs: readonly FieldSpec[], ctx: WalkContext, start: number, limit: number): WalkResult {
  const fields: Field[] = [];
  const step = walkInto(specs, ctx, start, limit, fields);
  return { fields, end: endOf(step), ok: step >= 0 };
}

/**
 * A step walks one spec, pushes what it made onto `into` and returns the offset after it, or that offset
 * bit-inverted (negative) when the bytes ran out or were malformed: no result object per field.
 */
type Step = number;
const failed = (end: number): Step => ~end;
const endOf = (step: Step): number => (step < 0 ? ~step : step);

function walkInto(specs: readonly FieldSpec[], ctx: WalkContext, start: number, limit: number, into: Field[]): Step {
  let pos = start;
  for (const spec of specs) {
    const step = walkField(spec, ctx, pos, limit, into);
    if (step < 0) return step;
    pos = step;
  }
  return pos;
}

/**
 * The one place the two depths differ: a full walk makes the JSON contract's plain field with its hex
 * and reading; a lean one a WalkedField that works them out only if something reads them. `value`
 * undefined: the bytes have no reading of their own (raw bytes, a list, a group); null: they ran out.
 */
function makeField(ctx: WalkContext, spec: FieldLabel, offset: number, length: number, value: Field['value'], display: Display): Field {
  if (ctx.depth === 'lean') return new WalkedField(ctx.bytes, spec, offset, length, value, display);
  return orderedField(spec, offset, length, ctx.bytes.toString('hex', offset, offset + length), value, typeof display === 'function' ? display() : display);
}

/** A reading that depends on fields walked after the field was made (a group's parts). */
function showLater(field: Field, display: () => string): void {
  if (field instanceof WalkedField) field.display = display;
  else field.display = display();
}

/** The document's fixed values as bytes, per spec, so a check compares bytes instead of building hex text. */
const expectedBytes = new WeakMap<FieldSpec, readonly Buffer[]>();

function matchesExpected(ctx: WalkContext, spec: FieldSpec & { expected: string }, pos: number, length: number): boolean {
  let allowed = expectedBytes.get(spec);
  if (allowed === undefined) expectedBytes.set(spec, (allowed = [spec.expected, ...(spec.alsoExpected ?? [])].map((hex) => Buffer.from(hex, 'hex'))));
  // A byte loop: Buffer.compare's native call costs more than comparing the 1 to 6 bytes of an X-field.
  for (const expected of allowed) {
    if (expected.length !== length) continue;
    let i = 0;
    while (i < length && ctx.bytes[pos + i] === expected[i]) i++;
    if (i === length) return true;
  }
  return false;
}

const spaced = (hex: string) => hex.replace(/(..)(?!$)/g, '$1 ');

/** A text field's reading: itself, or what its meaning says it stands for. */
const readText = (meaning: FieldSpec['meaning'], text: string): Display =>
  meaning === undefined ? text : () => textReading(meaning, text) ?? text;

function error(ctx: WalkContext, message: string, field?: string): void {
  ctx.notes.push(note('malformed', message, field));
}

/** Bytes that ran out mid-field: shown as they are, with an error. */
function cut(ctx: WalkContext, spec: FieldSpec, pos: number, limit: number, needed: number, into: Field[]): Step {
  const left = limit - pos;
  error(ctx, `packet too short: ${spec.name} needs ${needed} bytes, ${left} left`, spec.name);
  if (left <= 0) return failed(pos);
  into.push(makeField(ctx, spec, pos, left, null, `${left} of ${needed} bytes`));
  return failed(limit);
}

function walkField(spec: FieldSpec, ctx: WalkContext, pos: number, limit: number, into: Field[]): Step {
  if (spec.optional && pos >= limit) return pos;
  const type = spec.type;
  const size = FIXED_SIZE[type.kind] ?? (type.kind === 'bytes' ? type.length : undefined);
  if (size !== undefined && pos + size > limit) return cut(ctx, spec, pos, limit, size, into);
  switch (type.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32':
      return integer(spec, ctx, pos, size!, into);
    case 'ipv4': {
      const b = ctx.bytes;
      const ip = `${b[pos]}.${b[pos + 1]}.${b[pos + 2]}.${b[pos + 3]}`;
      ctx.values.set(spec.name, ip);
      return done(ctx, spec, pos, 4, ip, ip, into);
    }
    case 'bytes':
    case 'rest': {
      const length = type.kind === 'bytes' ? type.length : limit - pos;
      ctx.values.set(spec.name, null);
      return done(ctx, spec, pos, length, undefined, () => displayRaw(spec, ctx.bytes.subarray(pos, pos + length)), into);
    }
    case 'lstring':
      return lstring(spec, ctx, pos, limit, into);
    case 'repeat':
      return repeat(spec, type.count, type.fields, ctx, pos, limit, into);
    case 'group':
      return group(spec, type.fields, ctx, pos, limit, into);
  }
}

function done(ctx: WalkContext, spec: FieldSpec, pos: number, length: number, value: Field['value'], display: Display, into: Field[]): Step {
  const field = makeField(ctx, spec, pos, length, value, display);
  into.push(field);
  if (spec.expected !== undefined && !matchesExpected(ctx, spec as FieldSpec & { expected: string }, pos, length)) {
    ctx.notes.push(note('document-differs', `${spec.name} is ${spaced(field.hex)}, the document says ${spec.documentSays ?? spaced(spec.expected)}`, spec.name));
  }
  if (spec.checks) checkField(spec, value ?? null, ctx.sourcePort, ctx.notes);
  return pos + length;
}

/** An unsigned integer of 1, 2 or 4 bytes in the field's byte order (the document's: little-endian). */
export function readUnsigned(bytes: Buffer, pos: number, size: number, bigEndian: boolean): number {
  if (size === 1) return bytes[pos]!;
  if (size === 2) return bigEndian ? bytes.readUInt16BE(pos) : bytes.readUInt16LE(pos);
  return bigEndian ? bytes.readUInt32BE(pos) : bytes.readUInt32LE(pos);
}

function integer(spec: FieldSpec, ctx: WalkContext, pos: number, size: number, into: Field[]): Step {
  const b = ctx.bytes;
  const bigEndian = spec.order === 'be';
  const value =
    spec.type.kind === 'i32' ? (bigEndian ? b.readInt32BE(pos) : b.readInt32LE(pos)) : readUnsigned(b, pos, size, bigEndian);
  ctx.values.set(spec.name, value);
  const display = spec.unknown && !spec.meaning ? () => displayUnknownInteger(value, size) : () => displayInteger(spec.meaning, value, ctx.commandName);
  return done(ctx, spec, pos, size, value, display, into);
}

/** The LENGTH field in front of each string, one spec per string spec. */
const lengthSpecs = new WeakMap<FieldSpec, FieldSpec>();

function lengthSpecOf(spec: FieldSpec): FieldSpec {
  let lengthSpec = lengthSpecs.get(spec);
  if (lengthSpec === undefined) {
    const order = spec.order === 'be' ? ', big-endian' : '';
    lengthSpec = { name: 'LENGTH', type: { kind: 'u16' }, description: `Length of ${spec.name} including NULL${order}` };
    lengthSpecs.set(spec, lengthSpec);
  }
  return lengthSpec;
}

function lstring(spec: FieldSpec, ctx: WalkContext, pos: number, limit: number, into: Field[]): Step {
  const lengthSpec = lengthSpecOf(spec);
  if (pos + 2 > limit) return cut(ctx, lengthSpec, pos, limit, 2, into);
  const declared = readUnsigned(ctx.bytes, pos, 2, spec.order === 'be');
  const lengthField = makeField(ctx, lengthSpec, pos, 2, declared, () => String(declared));
  const start = pos + 2;
  const available = Math.min(declared, limit - start);
  let ok = true;
  if (declared > limit - start) {
    error(ctx, `string past the end: LENGTH of ${spec.name} says ${declared}, ${limit - start} bytes left`, spec.name);
    ok = false;
  }
  const raw = ctx.bytes.subarray(start, start + available);
  const terminated = available === declared && declared > 0 && raw[declared - 1] === 0;
  if (ok && !terminated) error(ctx, `${spec.name} does not end in NUL`, spec.name);
  // The NUL is never part of the text, also where LENGTH runs past the end; its byte stays in the hex.
  const endsInNul = raw.length > 0 && raw[raw.length - 1] === 0;
  const text = ctx.decoder.decode(endsInNul ? raw.subarray(0, -1) : raw);
  const field = makeField(ctx, spec, start, available, text, readText(spec.meaning, text));
  if (spec.checks) checkField(spec, text, ctx.sourcePort, ctx.notes);
  // An empty message (an acknowledgement's) has no parts to show.
  const parts = spec.parts && terminated && available > 1 ? splitParts(spec, ctx, start, available - 1) : undefined;
  if (parts) {
    // The parts joined as the table shows them, in every output: the FE byte is no character of the text
    // (windows-1252 would make it "þ", koi8-r "Ч"); each part is in `fields`, the bytes in the hex.
    const texts = parts.filter((f) => f.name !== PART_SEPARATOR.name && f.name !== PART_END.name);
    field.value = texts.map((f) => f.value).join(PART_JOIN);
    field.fields = parts;
    showLater(field, () => texts.map((f) => f.display).join(PART_JOIN));
  }
  ctx.values.set(spec.name, field.value ?? null);
  into.push(lengthField, field);
  return ok && terminated ? start + available : failed(start + available);
}

/** MESSAGE of a URL or "you were added" message: 0xFE-separated parts, named by the selector's value. */
function splitParts(spec: FieldSpec, ctx: WalkContext, start: number, textLength: number): Field[] | undefined {
  const selector = ctx.values.get(spec.parts!.by);
  if (typeof selector !== 'number') return undefined;
  const names = spec.parts!.cases[selector & ~MESSAGE_TYPE_VARIANT_BIT];
  if (!names) return undefined;
  const fields: Field[] = [];
  let partStart = start;
  const end = start + textLength;
  let index = 0;
  for (let i = start; i <= end; i++) {
    if (i < end && ctx.bytes[i] !== 0xfe) continue;
    const name = names[index] ?? `PART_${index + 1}`;
    const text = ctx.decoder.decode(ctx.bytes.subarray(partStart, i));
    fields.push(makeField(ctx, { name, description: `Part ${index + 1} of ${spec.name}` }, partStart, i - partStart, text, readText(spec.parts!.meanings?.[name], text)));
    if (i < end) fields.push(makeField(ctx, PART_SEPARATOR, i, 1, 0xfe, 'FE'));
    partStart = i + 1;
    index++;
  }
  fields.push(makeField(ctx, PART_END, end, 1, 0, 'NUL'));
  if (index !== names.length) {
    ctx.notes.push(note('message-parts', `${spec.name} has ${plural(index, 'part')}, expected ${names.length} (${names.join(', ')})`, spec.name));
  }
  return fields;
}

function repeat(spec: FieldSpec, countName: string, itemSpecs: readonly FieldSpec[], ctx: WalkContext, pos: number, limit: number, into: Field[]): Step {
  const count = ctx.values.get(countName);
  const items: Field[] = [];
  let end = pos;
  let ok = true;
  for (let i = 0; ok && i < (typeof count === 'number' ? count : 0); i++) {
    if (end >= limit) {
      error(ctx, `packet too short: ${countName} says ${count}, only ${i} present`, spec.name);
      ok = false;
      break;
    }
    if (itemSpecs.length === 1) {
      const step = walkInto(itemSpecs, ctx, end, limit, items);
      end = endOf(step);
      ok = step >= 0;
    } else {
      const step = walkFields(itemSpecs, ctx, end, limit);
      items.push(groupField(ctx, { ...spec, name: `${spec.name}[${i}]` }, end, step));
      end = step.end;
      ok = step.ok;
    }
  }
  // The count is a field of its own (the one the repeat names); the container has no reading but its items'.
  const container = makeField(ctx, spec, pos, end - pos, undefined, () => items.map((f) => f.display).join(', '));
  container.fields = items;
  into.push(container);
  return ok ? end : failed(end);
}

function groupField(ctx: WalkContext, spec: FieldSpec, pos: number, step: WalkResult): Field {
  const field = makeField(ctx, spec, pos, step.end - pos, undefined, () => step.fields.map((f) => `${f.name}=${f.display}`).join(' '));
  field.fields = step.fields;
  return field;
}

function group(spec: FieldSpec, itemSpecs: readonly FieldSpec[], ctx: WalkContext, pos: number, limit: number, into: Field[]): Step {
  const step = walkFields(itemSpecs, ctx, pos, limit);
  const field = groupField(ctx, spec, pos, step);
  into.push(field);
  if (spec.meaning === 'date' && step.ok) {
    const v = (name: string) => String(ctx.values.get(name)).padStart(2, '0');
    // Read as GMT, the document's first statement (it also says HOUR is "local time - 1").
    const stamp = `${ctx.values.get('YEAR')}-${v('MONTH')}-${v('DAY')}T${v('HOUR')}:${v('MINUTE')}`;
    field.value = `${stamp}:00Z`;
    field.display = `${stamp.replace('T', ' ')} GMT`;
    ctx.values.set(spec.name, field.value);
  }
  return step.ok ? step.end : failed(step.end);
}
