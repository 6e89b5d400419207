import { dissectCaptureBatches } from '../../src/dissect/dissect-capture.js';
import type { DissectedPdu, Field } from '../../src/dissect/pdu.js';
import { layoutsDocument, loadLayouts, type LayoutEntry } from '../../src/protocol/layout-file.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../../src/protocol/registry.js';
import type { CommandTable, FieldSpec } from '../../src/protocol/types.js';
import { headerOf } from '../../src/protocol/variant-tables.js';
import type { FieldReport } from '../../src/study/field-study.js';
import { StudyRun } from '../../src/study/study-run.js';
import { hiddenRegistry } from './hide.js';
import type { Leaf, Message } from './score.js';

/**
 * One command measured: its table hidden, the study run over the captures, its body proposed; then every
 * PDU of it read twice, with the document's tables (the truth) and with the proposal on top of the hidden
 * tables (so a PDU the proposal cannot read stays one undescribed run, never the document's reading).
 */

export interface Measured {
  proposal: LayoutEntry | undefined;
  messages: Message[];
  /** PDUs the proposal reads exactly. */
  read: number;
}

const WIDTH: Readonly<Record<string, number>> = { u8: 1, u16: 2, u32: 4, ipv4: 4, lstring: 2 };

export async function measure(table: CommandTable, captures: readonly string[]): Promise<Measured> {
  const hidden = hiddenRegistry(table);
  const run = new StudyRun({ command: table.name }, hidden);
  for (const capture of captures) await run.addCapture(dissectCaptureBatches(capture, { registry: hidden, depth: 'lean' }));
  const proposal = run.proposals().find((p) => p.direction === table.direction && p.command === table.name);
  if (!proposal) return { proposal, messages: [], read: 0 };
  const kinds = proposalKinds(proposal.fields, run.reports().filter((r) => r.direction === table.direction && r.command === table.name));
  const proposed = loadLayouts(layoutsDocument([proposal]), { base: hidden });
  const messages: Message[] = [];
  let read = 0;
  for (const capture of captures) {
    const truth = pdusOf(table, capture, BUILTIN_REGISTRY);
    for await (const guess of pdusOf(table, capture, proposed)) {
      const known = (await truth.next()).value as DissectedPdu | undefined;
      if (known?.pdu.frame !== guess.pdu.frame) throw new Error(`${capture}: the two readings of frame ${guess.pdu.frame} differ in their PDUs`);
      const ok = guess.pdu.layout === proposal.name;
      if (ok) read++;
      const length = guess.pdu.length - bodyStart(table, guess);
      const leaves = ok ? bodyLeaves(table, guess).map((l) => ({ ...l, kind: kinds.get(l.name) })) : [];
      const rest = leaves.find((l) => l.name === 'REST');
      messages.push({ length, described: rest?.offset ?? length, truth: bodyLeaves(table, known), proposed: leaves });
    }
  }
  return { proposal, messages, read };
}

/** The kind of each proposed field (FIELD_k, k its offset): the finding of the word it was made of (a string's LENGTH word for a string). */
function proposalKinds(fields: readonly FieldSpec[], reports: readonly FieldReport[]): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const spec of fields) {
    const offset = Number(spec.name.replace('FIELD_', ''));
    const report = reports.find((r) => r.runOffset === offset && r.length === WIDTH[spec.type.kind]);
    if (report) kinds.set(spec.name, report.pattern.kind);
  }
  return kinds;
}

async function* pdusOf(table: CommandTable, capture: string, registry: CommandRegistry): AsyncGenerator<DissectedPdu> {
  for await (const batch of dissectCaptureBatches(capture, { registry })) {
    for (const d of batch) if (d.pdu.direction === table.direction && d.pdu.command?.code === table.code) yield d;
  }
}

function bodyStart(table: CommandTable, d: DissectedPdu): number {
  return d.pdu.fields[headerOf(table.direction, table).length]?.offset ?? d.pdu.length;
}

/**
 * The body's fields in wire order, offsets from the body's start: groups and repeats opened, a string as
 * its LENGTH (named as the string) and its text (a part); a string's inner parts (a URL's) are text.
 */
function bodyLeaves(table: CommandTable, d: DissectedPdu): Leaf[] {
  const start = bodyStart(table, d);
  const leaves: Leaf[] = [];
  const walk = (fields: readonly Field[]) =>
    fields.forEach((f, i) => {
      const text = fields[i - 1]?.name === 'LENGTH';
      if (f.fields && !text) return walk(f.fields);
      const next = fields[i + 1];
      const name = f.name === 'LENGTH' && next ? next.name : f.name;
      leaves.push({ name, offset: f.offset - start, length: f.length, ...(text ? { part: true } : {}) });
    });
  walk(d.pdu.fields.slice(headerOf(table.direction, table).length));
  return leaves;
}
