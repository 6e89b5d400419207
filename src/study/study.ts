import { endpointOf } from '../dissect/endpoint-text.js';
import type { DissectedPdu, Field, Pdu } from '../dissect/pdu.js';
import type { CommandRegistry } from '../protocol/registry.js';
import type { Direction, FieldSpec } from '../protocol/types.js';
import { FieldStudy, type DescribeSender, type FieldReport } from './field-study.js';
import type { Sample } from './sample.js';
import { RecentSnapshots, takeSnapshot } from './snapshot.js';
import { forEachUnit, runNamesOf, unknownFields, type EachUnit } from './unknown-units.js';
import { readIntegers } from './readings.js';
import { valueKey } from './value-counts.js';
import { RecentMap } from './recent-map.js';

/** A loaded layout tested on the capture: it read `read` of the `of` PDUs of its command exactly. */
export interface Hypothesis {
  layout: string;
  command: string;
  direction: string;
  read: number;
  of: number;
}

/** Where an undescribed byte run lies in its command's PDUs and how long it is (the proposals segment it). */
export interface RunExtent {
  command: string;
  /** The command code (undefined for bytes not decoded at all). */
  code: number | undefined;
  direction: Direction;
  transport: string;
  field: string;
  /** Offset of its first byte from the PDU's first byte (where it first was seen). */
  offset: number;
  count: number;
  min: number;
  max: number;
}

export interface StudyOptions {
  /** Only this command (name or alias). */
  command?: string;
  /** Only this field (an X-field's or a run's name). */
  field?: string;
  /** Report only units seen at least this often. */
  minCount?: number;
}

/**
 * UINs and flows remembered at once; recent PDUs remembered for echoes (a response follows its request
 * soon; the other side's last PDU, read as the flow's, is forgotten after this many others).
 */
const MAX_UINS = 65_536;
const MAX_FLOWS = 4096;
const MAX_RECENT = 4096;

const commandLabel = (pdu: Pdu) =>
  pdu.command === null ? 'not decoded' : (pdu.command.name ?? `0x${pdu.command.code.toString(16).padStart(4, '0')}`);

/** The document's fixed values of an X-field, from the command's tables (any layout). */
function expectedOf(registry: CommandRegistry, pdu: Pdu, name: string): readonly string[] | undefined {
  if (pdu.command === null) return undefined;
  const table = registry.findTable(pdu.direction, pdu.command.code);
  const find = (specs: readonly FieldSpec[]): FieldSpec | undefined => {
    for (const spec of specs) {
      if (spec.name === name) return spec;
      const inner = spec.type.kind === 'repeat' || spec.type.kind === 'group' ? find(spec.type.fields) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  for (const layout of table?.layouts ?? []) {
    const spec = find(layout.fields);
    if (spec?.expected !== undefined) return [spec.expected, ...(spec.alsoExpected ?? [])];
  }
  return undefined;
}

const DIRECTION_INDEX: Record<Direction, number> = { 'client-to-server': 0, 'server-to-client': 1, 'peer-to-peer': 2 };

/** Command code (none: not decoded), direction and transport as one number: no key string made per PDU. */
const commandKeyOf = (pdu: Pdu): number =>
  (((pdu.command?.code ?? -1) + 1) * 3 + DIRECTION_INDEX[pdu.direction]) * 2 + (pdu.transport === 'tcp' ? 1 : 0);

/** The length measures' names, by the string's name (made once, not per PDU). */
const measureNames = new Map<string, string>();

/** Each string's LENGTH, as a measure named by the string after it. */
function stringLengths(fields: readonly Field[]): { measure: string; value: number }[] {
  const out: { measure: string; value: number }[] = [];
  for (let i = 0; i + 1 < fields.length; i++) {
    const f = fields[i]!;
    if (f.name !== 'LENGTH' || typeof f.value !== 'number') continue;
    const name = fields[i + 1]!.name;
    let measure = measureNames.get(name);
    if (measure === undefined) measureNames.set(name, (measure = `LENGTH of ${name}`));
    out.push({ measure, value: f.value });
  }
  return out;
}

/** A dotted quad as its four bytes read big-endian; NaN for an IPv6 address. */
function ipv4Number(ip: string): number {
  const parts = ip.split('.');
  return parts.length === 4 ? parts.reduce((n, part) => n * 256 + Number(part), 0) : NaN;
}

/**
 * The unknown-field study over any number of captures: every unknown field and every word of every
 * undescribed byte run, per command, direction and transport, with its values as counts and the pattern
 * tests of src/study/relation-tests.ts and value-tests.ts. Memory: per unit a bounded set of counts; plus
 * each flow's last frame and the most recent PDUs (for echoes), both capped.
 */
export class Study {
  /** By command (commandKeyOf), field and place. */
  private readonly units = new Map<number, Map<string, Map<number, FieldStudy>>>();
  private readonly uins = new Set<number>();
  /** Each flow's number (the tests key their per-flow state by it) and last PDU. */
  private readonly flows = new RecentMap<string, { id: number; lastFrame: number }>(MAX_FLOWS);
  private nextFlow = 0;
  private readonly recent = new RecentSnapshots(MAX_RECENT);
  private readonly runs: ReadonlySet<string>;
  private readonly hasLoadedLayouts: boolean;
  /** Per loaded layout (a hypothesis): how many PDUs of its command it read exactly, of how many. */
  private readonly hypotheses = new Map<string, Hypothesis>();
  private readonly extents = new Map<string, RunExtent>();
  /** The unknown fields of the PDU being added, and the one sample the tests read its units through (no object per unit). */
  private readonly found: Field[] = [];
  private readonly sample: Sample;
  /** The PDU whose units are being studied, for `eachUnit`. */
  private current = { pdu: undefined as unknown as Pdu, command: '', commandKey: 0, sender: -1 };
  private readonly eachUnit: EachUnit;

  constructor(
    private readonly options: StudyOptions,
    private readonly registry: CommandRegistry,
  ) {
    this.runs = runNamesOf(registry);
    // Without --layouts there is no hypothesis to test: no table look-up per PDU for it.
    this.hasLoadedLayouts = registry.all.some((t) => t.layouts.some((l) => l.loaded));
    this.sample = {
      key: 0, pduBytes: Buffer.alloc(0), offset: 0, length: 0, le: NaN, be: NaN, flow: 0, time: 0, pduLength: 0,
      src: { ip: '', port: 0 }, dst: { ip: '', port: 0 }, srcIp: NaN, dstIp: NaN,
      stringLengths: [], runEnd: -1, answered: undefined, peerLast: undefined, uins: this.uins,
    };
    this.eachUnit = (field, runOffset, offset, length) => this.addUnit(field, runOffset, offset, length);
  }

  /** The next capture's PDUs follow (its frames and flows are its own). */
  nextCapture(): void {
    this.flows.clear();
    this.recent.clear();
  }

  /** `annotate` adds the PDU's analysis (what it answers) when the study reads it: only for a PDU with units. */
  add(d: DissectedPdu, sender: number, annotate?: () => void): void {
    const { pdu } = d;
    if (typeof pdu.uin === 'number' && this.uins.size < MAX_UINS) this.uins.add(pdu.uin);
    const flowKey = `${pdu.transport} ${pdu.src} ${pdu.dst}`;
    let flow = this.flows.get(flowKey);
    if (!flow) {
      this.flows.set(flowKey, (flow = { id: this.nextFlow++, lastFrame: -1 }));
    }
    const command = commandLabel(pdu);
    this.testHypotheses(pdu);
    const unknown = unknownFields(this.wanted(pdu, command) ? pdu.fields : [], this.found);
    const only = this.options.field;
    const found = only === undefined ? unknown : unknown.filter((f) => f.name === only);
    if (found.length > 0) {
      annotate?.();
      this.study(d, found, command, flow.id, sender);
    }
    takeSnapshot(d, this.recent.slotFor(pdu.frame));
    flow.lastFrame = pdu.frame;
  }

  /** Adds each unit of the found fields to its study, through the one sample. */
  private study(d: DissectedPdu, found: readonly Field[], command: string, flow: number, sender: number): void {
    const { pdu } = d;
    const sample = this.sample;
    const answeredFrame = pdu.analysis?.responseTo ?? pdu.analysis?.acks;
    sample.pduBytes = d.bytes;
    sample.flow = flow;
    sample.time = d.timestamp.seconds + d.timestamp.nanos / 1e9;
    sample.pduLength = pdu.length;
    sample.src = endpointOf(pdu.src);
    sample.dst = endpointOf(pdu.dst);
    sample.srcIp = ipv4Number(sample.src.ip);
    sample.dstIp = ipv4Number(sample.dst.ip);
    sample.stringLengths = stringLengths(pdu.fields);
    sample.answered = answeredFrame === undefined ? undefined : this.recent.get(answeredFrame);
    const peer = this.flows.get(`${pdu.transport} ${pdu.dst} ${pdu.src}`);
    sample.peerLast = peer === undefined ? undefined : this.recent.get(peer.lastFrame);
    const current = this.current;
    current.pdu = pdu;
    current.command = command;
    current.commandKey = commandKeyOf(pdu);
    current.sender = sender;
    forEachUnit(found, this.runs, this.eachUnit);
  }

  private addUnit(field: Field, runOffset: number, offset: number, length: number): void {
    const { sample, current } = this;
    sample.offset = offset;
    sample.length = length;
    sample.key = valueKey(sample.pduBytes, offset, length);
    readIntegers(sample.pduBytes, offset, length, sample);
    sample.runEnd = runOffset < 0 ? -1 : field.offset + field.length;
    if (runOffset === 0 && length === 1) this.measureRun(current.pdu, current.command, field.name, offset, field.length);
    this.unitStudy(current.pdu, current.commandKey, current.command, field.name, runOffset, length).add(sample, current.sender);
  }

  /** Every unit seen often enough, in a stable order: command, direction, transport, offset, length. */
  reports(describe: DescribeSender): FieldReport[] {
    const min = this.options.minCount ?? 1;
    return [...this.units.values()]
      .flatMap((byField) => [...byField.values()].flatMap((byPlace) => [...byPlace.values()]))
      .filter((unit) => unit.values.total >= min)
      .map((unit) => unit.report(describe))
      .sort(
        (a, b) =>
          a.command.localeCompare(b.command) ||
          a.direction.localeCompare(b.direction) ||
          a.transport.localeCompare(b.transport) ||
          a.offset - b.offset ||
          (a.runOffset ?? -1) - (b.runOffset ?? -1) ||
          a.length - b.length ||
          a.field.localeCompare(b.field),
      );
  }

  /** Every byte run's extent: how many PDUs had it, its shortest and longest length, where it starts. */
  runExtents(): RunExtent[] {
    return [...this.extents.values()];
  }

  private measureRun(pdu: Pdu, command: string, field: string, offset: number, length: number): void {
    const key = `${command}\u0000${pdu.direction}\u0000${pdu.transport}\u0000${field}`;
    const known = this.extents.get(key);
    if (known) {
      known.count++;
      known.min = Math.min(known.min, length);
      known.max = Math.max(known.max, length);
      return;
    }
    this.extents.set(key, { command, code: pdu.command?.code, direction: pdu.direction, transport: pdu.transport, field, offset, count: 1, min: length, max: length });
  }

  /** The loaded layouts (--layouts) and how many PDUs of their command each read exactly. */
  hypothesisReports(): Hypothesis[] {
    return [...this.hypotheses.values()];
  }

  private testHypotheses(pdu: Pdu): void {
    if (!this.hasLoadedLayouts || pdu.command === null) return;
    const table = this.registry.findTable(pdu.direction, pdu.command.code);
    for (const layout of table?.layouts ?? []) {
      if (!layout.loaded) continue;
      const key = `${pdu.direction} ${table!.code} ${layout.name}`;
      let hypothesis = this.hypotheses.get(key);
      if (!hypothesis) this.hypotheses.set(key, (hypothesis = { layout: layout.name, command: table!.name, direction: pdu.direction, read: 0, of: 0 }));
      hypothesis.of++;
      if (pdu.layout === layout.name) hypothesis.read++;
    }
  }

  private wanted(pdu: Pdu, command: string): boolean {
    const only = this.options.command;
    return only === undefined || command === only || (pdu.command?.aliases ?? []).includes(only);
  }

  /** The study of a unit: by command (a number per PDU), then field, then place (a number). */
  private unitStudy(pdu: Pdu, commandKey: number, command: string, field: string, runOffset: number, length: number): FieldStudy {
    let byField = this.units.get(commandKey);
    if (!byField) this.units.set(commandKey, (byField = new Map()));
    let byPlace = byField.get(field);
    if (!byPlace) byField.set(field, (byPlace = new Map()));
    const place = (runOffset + 1) * 8 + length;
    let study = byPlace.get(place);
    if (!study) {
      const whole = runOffset < 0;
      const expected = whole ? expectedOf(this.registry, pdu, field) : undefined;
      study = new FieldStudy(command, pdu.direction, pdu.transport, field, length, whole ? undefined : runOffset, expected);
      byPlace.set(place, study);
    }
    return study;
  }
}
