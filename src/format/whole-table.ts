import Table from 'cli-table3';
import { displayWidth } from './table-cell.js';

/**
 * A whole table (flows, statistics) through cli-table3, which lays out every cell against every other:
 * its time grows with the square of the rows (6,300 flows rows took 19 s). The widths are measured here
 * once, as cli-table3 measures them, and the rows drawn in slices of the same widths, joined where one
 * slice's bottom border meets the next one's top: the same bytes as one table, in linear time, and
 * handed on slice by slice so a table of 30,000 sessions is never held whole.
 */
const ROWS_PER_SLICE = 100;

export type Row = readonly (string | number)[];

/** The table's text in pieces that, joined, are exactly cli-table3's table of all the rows. */
export function* wholeTableSlices(head: readonly string[], count: number, rowAt: (index: number) => Row): Generator<string> {
  const widths = head.map(displayWidth);
  for (let i = 0; i < count; i++) rowAt(i).forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, displayWidth(String(cell)))));
  const colWidths = widths.map((width) => width + 2);
  let separator = '';
  for (let start = 0; start === 0 || start < count; start += ROWS_PER_SLICE) {
    const table = new Table({ ...(start === 0 ? { head: [...head] } : {}), colWidths, style: { head: [], border: [] } });
    for (let i = start; i < Math.min(count, start + ROWS_PER_SLICE); i++) table.push(rowAt(i).map(String));
    const lines = table.toString().split('\n');
    // The line between two rows, as the first slice draws it under its head.
    if (start === 0) separator = lines[2] ?? '';
    const last = start + ROWS_PER_SLICE >= count;
    const body = last ? lines : lines.slice(0, -1);
    yield (start === 0 ? body : [separator, ...body.slice(1)]).join('\n') + '\n';
  }
}
