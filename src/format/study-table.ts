import { DIRECTION_LABELS } from '../protocol/directions.js';
import type { Direction } from '../protocol/types.js';
import type { FieldReport } from '../study/field-study.js';
import { escapeText } from './escape.js';
import { csvCell } from './fields-printer.js';
import type { Style } from './style.js';
import { wholeTableSlices, type Row } from './whole-table.js';

/** `icq2-dissect unknowns`: one row per unknown field (or word of an undescribed body), as a table or CSV. */

const HEADINGS = ['Command', 'Dir', 'Field', 'Offset', 'Length', 'Count', 'Distinct', 'Top values', 'Pattern', 'Support'];
const TOP_SHOWN = 3;

/** A run's word is named by the run, its offset in it and its width: UNDESCRIBED+4/2 (2 bytes at 4). */
export const unitName = (r: FieldReport): string => (r.runOffset === undefined ? r.field : `${r.field}+${r.runOffset}/${r.length}`);

function studyRow(r: FieldReport): Row {
  const values = r.values.slice(0, TOP_SHOWN).map((v) => `${v.hex}×${v.count}`);
  if (r.distinct > TOP_SHOWN) values.push('…');
  const { pattern } = r;
  return [
    r.command,
    DIRECTION_LABELS[r.direction as Direction] ?? r.direction,
    unitName(r),
    r.offset,
    r.length,
    r.count,
    r.distinct,
    values.join(' '),
    escapeText(`${pattern.kind}: ${pattern.detail}`),
    `${pattern.support}/${pattern.support + pattern.against}`,
  ];
}

export function studyTableSlices(reports: readonly FieldReport[], style: Style): Generator<string> {
  return wholeTableSlices(HEADINGS.map((h) => style.bold(h)), reports.length, (i) => studyRow(reports[i]!));
}

export function studyCsv(reports: readonly FieldReport[]): string {
  const line = (cells: Row) => cells.map((c) => csvCell(String(c), ',')).join(',') + '\n';
  return line(HEADINGS) + reports.map((r) => line(studyRow(r))).join('');
}
