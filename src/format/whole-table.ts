import { BOX, boxLine, boxRule, displayWidth, layoutCell } from './table-cell.js';

/**
 * A whole table (flows, statistics) in cli-table3's default layout, the bytes it draws: boxed, a rule
 * between rows. cli-table3 itself lays out every cell against every other: its time grew with the
 * square of the rows (6,300 flows rows took 19 s in its fillInTable) and, drawn in slices, still 0.5 ms a
 * row. So the widths are measured once over all rows, as cli-table3 measures them, and each row is laid
 * out with cli-table3's own cell rules (table-cell.ts), handed on slice by slice so a table of 30,000
 * sessions is never held whole.
 */
const ROWS_PER_SLICE = 100;
const PADDING = 2;

export type Row = readonly (string | number)[];

/** The table's text in pieces that, joined, are exactly the table cli-table3 draws of the head and rows. */
export function* wholeTableSlices(head: readonly string[], count: number, rowAt: (index: number) => Row): Generator<string> {
  const content = contentWidths([head], count, rowAt);
  const widths = content.map((width) => width + PADDING);
  const line = (cells: Row): string => boxLine(cells.map(String), content);
  const separator = boxRule(widths, BOX.separator);
  let text = boxRule(widths, BOX.top) + '\n' + line(head);
  for (let i = 0; i < count; i++) {
    text += '\n' + separator + '\n' + line(rowAt(i));
    if ((i + 1) % ROWS_PER_SLICE === 0) {
      yield text;
      text = '';
    }
  }
  yield text + '\n' + boxRule(widths, BOX.bottom) + '\n';
}

/** Each column's width: its widest cell of the head lines and the rows, as cli-table3 measures them. */
export function contentWidths(head: readonly Row[], count: number, rowAt: (index: number) => Row): number[] {
  const widths: number[] = [];
  const measure = (cells: Row): void => cells.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, displayWidth(String(cell)))));
  head.forEach(measure);
  for (let i = 0; i < count; i++) measure(rowAt(i));
  return widths;
}

/**
 * The same kind of table without a box, as tshark prints its tables: columns two spaces apart, each cell
 * laid out (cut with "…") to `widths`, the head's lines under a rule of ─ when `rule` (a terminal) and bare
 * otherwise (a pipe: nothing for grep, awk or cut to step over). No trailing spaces.
 */
export function* alignedTableSlices(head: readonly Row[], count: number, rowAt: (index: number) => Row, widths: readonly number[], rule: boolean): Generator<string> {
  const line = (cells: Row): string => cells.map((cell, i) => layoutCell(String(cell), widths[i]!)).join(COLUMN_GAP).trimEnd() + '\n';
  let text = head.map(line).join('') + (rule ? widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP) + '\n' : '');
  for (let i = 0; i < count; i++) {
    text += line(rowAt(i));
    if ((i + 1) % ROWS_PER_SLICE === 0) {
      yield text;
      text = '';
    }
  }
  yield text;
}

/** Columns of an aligned table are this far apart. */
export const COLUMN_GAP = '  ';
