import wrapAnsi from 'wrap-ansi';
import utils from 'cli-table3/src/utils.js';

/** Continuation lines start this much deeper than their line: off the tree's 4-column levels, so they never read as a child field. */
const HANG = 2;
/** A terminal narrower than this still gets words of some length per line. */
const MIN_TEXT_COLUMNS = 20;

/**
 * One line fitted to `columns` (ANSI codes and wide characters measured as the terminal shows them):
 * broken at spaces, continuation lines under a hanging indent; only a word longer than a whole line is
 * cut. `columns` undefined (not a terminal): the line as it is, as tshark prints it.
 */
export function fitLine(line: string, columns: number | undefined): string {
  if (columns === undefined || utils.strlen(line) <= columns) return line;
  const indent = line.length - line.trimStart().length;
  const [first = '', ...rest] = wrapAnsi(line.slice(indent), Math.max(MIN_TEXT_COLUMNS, columns - indent), { hard: true }).split('\n');
  const hang = indent + HANG;
  const continued = rest.length === 0 ? [] : wrapAnsi(rest.join(' '), Math.max(MIN_TEXT_COLUMNS, columns - hang), { hard: true }).split('\n');
  return [' '.repeat(indent) + first, ...continued.map((text) => ' '.repeat(hang) + text)].join('\n');
}
