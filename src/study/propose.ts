import { UNDESCRIBED, u16, u32, u8, ipv4, lstring } from '../protocol/field-builders.js';
import type { LayoutEntry } from '../protocol/layout-file.js';
import { UNKNOWN_BODY } from '../protocol/leftovers.js';
import { PEER_HEADER } from '../protocol/peer-commands.js';
import type { FieldSpec } from '../protocol/types.js';
import type { FieldReport } from './field-study.js';
import type { PatternKind } from './pattern.js';
import type { RunExtent } from './study.js';

/**
 * `unknowns --propose`: each undescribed body segmented into fields from the study's findings, as a
 * layout in the protocol tables' vocabulary (written as a --layouts file). At each offset the widest
 * aligned word whose pattern explains at least as much as its halves becomes a field (BinaryInferno's
 * ensemble idea, with our pattern tests as the detectors); a LENGTH-prefixed string ends the fixed part;
 * bytes beyond the shortest body are left as one optional field.
 */

/** How much a pattern says: a relation to the traffic, then a value structure, then noise. */
const QUALITY: Record<PatternKind, number> = {
  echo: 3, length: 3, 'host-address': 3, port: 3, uin: 3, counter: 3, 'session-id': 3, timestamp: 3, string: 3,
  constant: 2, enum: 2, flags: 2,
  random: 1, insufficient: 0,
};

/** Bodies are the runs that stand for a whole undescribed body (not trailing bytes). */
const BODIES = new Set([UNDESCRIBED.name, UNKNOWN_BODY.name]);

const hex4 = (code: number) => `0x${code.toString(16).padStart(4, '0')}`;

export function proposeLayouts(reports: readonly FieldReport[], extents: readonly RunExtent[]): LayoutEntry[] {
  return extents.filter((e) => BODIES.has(e.field) && e.code !== undefined && e.min > 0).map((extent) => proposal(extent, reports));
}

function proposal(extent: RunExtent, reports: readonly FieldReport[]): LayoutEntry {
  const words = new Map<string, FieldReport>();
  for (const r of reports) {
    if (r.command === extent.command && r.direction === extent.direction && r.transport === extent.transport && r.field === extent.field && r.runOffset !== undefined) {
      words.set(`${r.runOffset}/${r.length}`, r);
    }
  }
  const at = (offset: number, size: number) => words.get(`${offset}/${size}`);
  const quality = (offset: number, size: number) => {
    const word = at(offset, size);
    return word && word.count === extent.count ? QUALITY[word.pattern.kind] : -1;
  };
  const fields: FieldSpec[] = [];
  let k = 0;
  let variable = false;
  while (k < extent.min) {
    const text = at(k, 2);
    if (text?.pattern.kind === 'string' && text.pattern.against === 0) {
      fields.push(lstring(`FIELD_${k}`, described(text)));
      variable = true;
      break;
    }
    const size = widest(k, extent.min, at, quality);
    fields.push(fieldOf(k, size, at(k, size)));
    k += size;
  }
  if (variable || extent.max > k) {
    fields.push({ name: 'REST', type: { kind: 'rest' }, description: `Bytes beyond the shortest body (${extent.min} to ${extent.max} bytes)`, unknown: true, optional: true });
  }
  return {
    direction: extent.direction,
    command: extent.command.startsWith('0x') || extent.field === UNKNOWN_BODY.name ? hex4(extent.code!) : extent.command,
    name: 'proposal',
    source: `icq2-dissect unknowns --propose, from ${extent.count} PDUs`,
    fields: extent.transport === 'tcp' ? [...PEER_HEADER, ...fields] : fields,
  };
}

/**
 * The widest aligned word at `k` (4, 2 or 1 bytes, within the body) that explains at least as much as its
 * halves, unless its halves are two different findings and the word's own finding is one of theirs (a
 * counter beside a constant reads as a counter): then they are two fields. A word that finds something
 * neither half does (a timestamp) stays whole, and a constant zero high half is a small number's.
 */
function widest(k: number, end: number, at: (offset: number, size: number) => FieldReport | undefined, quality: (offset: number, size: number) => number): number {
  for (const size of [4, 2]) {
    if (k % 2 !== 0 || k + size > end) continue;
    const half = size / 2;
    const whole = quality(k, size);
    if (whole < 0 || whole < Math.max(quality(k, half), quality(k + half, half))) continue;
    const [low, high] = [at(k, half), at(k + half, half)];
    const zeroHigh = high?.pattern.kind === 'constant' && /^(00)+$/.test(high.values[0]!.hex);
    const twoFindings = quality(k, half) >= 2 && quality(k + half, half) >= 2 && low!.pattern.kind !== high!.pattern.kind;
    // The whole word found what one half found: that half explains it, the other is a field of its own.
    const explainedByHalf = twoFindings && [low!.pattern.kind, high!.pattern.kind].includes(at(k, size)!.pattern.kind);
    if (!explainedByHalf || zeroHigh) return size;
  }
  return 1;
}

function described(word: FieldReport | undefined): string {
  if (!word) return 'Proposed: no finding';
  const { kind, detail, support, against } = word.pattern;
  return `Proposed: ${kind}: ${detail} (${support} of ${support + against})`;
}

function fieldOf(k: number, size: number, word: FieldReport | undefined): FieldSpec {
  const name = `FIELD_${k}`;
  const description = described(word);
  const kind = word?.pattern.kind;
  const extra: Partial<FieldSpec> = {};
  if (kind === 'constant') extra.expected = word!.values[0]!.hex;
  if (word?.pattern.detail.includes('big-endian')) extra.order = 'be';
  if (size === 4) return kind === 'host-address' ? { ...ipv4(name, description), ...extra } : { ...u32(name, description), ...extra };
  return size === 2 ? { ...u16(name, description), ...extra } : { ...u8(name, description), ...extra };
}
