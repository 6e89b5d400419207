import type { Counts, Rates } from './score.js';
import { TARGET } from './reasons.js';

/** The benchmark's Markdown: one row per command and the overall row, then the published figures. */

export interface Row {
  label: string;
  counts: Counts;
  rates: Rates;
  why: string;
}

const fixed = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

export function resultsTable(rows: readonly Row[]): string {
  const head = ['command', 'PDUs', 'precision', 'recall', 'FPR', 'recall, whole body', 'kinds right', 'share of fields described', 'why short'];
  return [
    line(head),
    line(head.map((_, i) => (i === 0 || i === head.length - 1 ? '---' : '---:'))),
    ...rows.map(({ label, counts: c, rates: r, why }) =>
      line([label, c.messages, fixed(r.precision), fixed(r.recall), fixed(r.fpr), fixed(r.recallWhole), fixed(r.kinds), fixed(c.fieldsDescribed / c.fields), why || '—']),
    ),
  ].join('\n');
}

/** BinaryInferno (NDSS 2023), as issue 11 quotes its figures: precision / recall / false-positive rate of field boundaries. */
const PUBLISHED = [
  ['BinaryInferno', 0.69, 0.73, 0.04],
  ['FieldHunter', 0.68, 0.37, 0.01],
  ['NEMESYS', 0.31, 0.44, 0.11],
] as const;

export function comparisonTable(overall: Rates): string {
  return [
    line(['method', 'precision', 'recall', 'FPR']),
    line(['---', '---:', '---:', '---:']),
    line(['this study (all commands above)', fixed(overall.precision), fixed(overall.recall), fixed(overall.fpr)]),
    ...PUBLISHED.map(([name, p, r, f]) => line([`${name} (published)`, fixed(p), fixed(r), fixed(f)])),
    line(['target', `> ${TARGET.precision}`, `> ${TARGET.recall}`, `< ${TARGET.fpr}`]),
  ].join('\n');
}
