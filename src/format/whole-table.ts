import Table from 'cli-table3';
import { displayWidth } from './table-cell.js';

/**
 * A whole table (flows, statistics) through cli-table3, which lays out every cell against every other:
 * its time grows with the square of the rows (6,300 flows rows took 19 s). The widths are measured here
 * once, as cli-table3 measures them, and the rows drawn in slices of the same widths, joined where one
 * slice's bottom border meets the next one's top: the same bytes as one table, in linear time.
 */
const ROWS_PER_SLICE = 100;

export function renderWholeTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = head.map((heading, column) => Math.max(displayWidth(heading), ...cells.map((row) => displayWidth(row[column] ?? ''))) + 2);
  const slices: string[][] = [];
  for (let start = 0; start === 0 || start < cells.length; start += ROWS_PER_SLICE) {
    const table = new Table({
      ...(start === 0 ? { head: [...head] } : {}),
      colWidths: widths,
      style: { head: [], border: [] },
    });
    for (const row of cells.slice(start, start + ROWS_PER_SLICE)) table.push(row);
    slices.push(table.toString().split('\n'));
  }
  // The line between two rows, as the first slice draws it under its head.
  const separator = slices[0]![2]!;
  return (
    slices
      .map((lines, i) => {
        const body = i < slices.length - 1 ? lines.slice(0, -1) : lines;
        return i === 0 ? body : [separator, ...body.slice(1)];
      })
      .flat()
      .join('\n') + '\n'
  );
}
