import { LIST_HEADINGS, type ListRow } from './list-row.js';
import type { Style } from './style.js';
import { cutEnd, cutStart, displayWidth, spaces } from './table-cell.js';

/**
 * The default output, streamed, as tshark prints its list: aligned columns one space apart, no box; on
 * a terminal a rule under the headings. Each column is as wide as its content: the widths are measured
 * on the first batch of rows (held until the batch ends, see text-printer.ts) and a later, wider cell
 * widens its column from that row on (never narrower). On a terminal the columns are fitted to its
 * width as a person reads the list: No., Time, Command and Info are never cut; the addresses give up
 * room first (cut at the start, so the port stays), then Time its precision, then the addresses go;
 * Info takes the rest and is cut with "…" at the edge. Piped, nothing is cut.
 * Rows are laid out by hand (cli-table3 per row cost 133 µs; see README).
 */

const TIME = 1;
const SOURCE = 2;
const DESTINATION = 3;
/** The columns before Info. */
const FIXED = LIST_HEADINGS.length - 1;
/** Numbers align right, as tshark's No. and Time. */
const RIGHT_ALIGNED: readonly boolean[] = [true, true, false, false, false, false, true, true];
const HEADING_WIDTHS = LIST_HEADINGS.map((heading) => heading.length);
/** On a terminal the fixed columns give up room until Info has this much (or can give no more). */
const MIN_INFO_WIDTH = 30;
/** The narrowest address: the port and the end of the host (`…100.10:1026`). */
const ADDRESS_MIN_WIDTH = 12;
/** Time keeps milliseconds at least. */
const MIN_TIME_DIGITS = 3;

export interface ListLayout {
  /** Width of each column before Info; 0: left out. */
  widths: number[];
  /** Fraction digits cut off the end of each Time cell. */
  timeCut: number;
  /** Room for Info on a terminal (cut with "…" past it); undefined: never cut. */
  info: number | undefined;
}

/** The widths of the columns before Info for `content` (the widest cell seen per column), addresses capped (0: left out). */
function widthsFor(content: readonly number[], addressCap: number, timeCut: number): number[] {
  return content.map((width, column) => {
    if (column === SOURCE || column === DESTINATION) return addressCap === 0 ? 0 : Math.max(HEADING_WIDTHS[column]!, Math.min(width, addressCap));
    return Math.max(HEADING_WIDTHS[column]!, column === TIME ? width - timeCut : width);
  });
}

/** The columns' room on a terminal `columns` wide, each shown column followed by one space. */
const roomLeft = (widths: readonly number[], columns: number): number => widths.reduce((room, width) => (width === 0 ? room : room - width - 1), columns);

/** The layouts a terminal may need, from the widest: address caps, then Time digits, then no addresses. */
function* fallbacks(content: readonly number[], timeDigits: number): Generator<[addressCap: number, timeCut: number]> {
  const widest = Math.max(content[SOURCE]!, content[DESTINATION]!);
  const narrowest = Math.min(widest, ADDRESS_MIN_WIDTH);
  const maxCut = Math.max(0, timeDigits - MIN_TIME_DIGITS);
  for (let cap = widest; cap >= narrowest; cap--) yield [cap, 0];
  for (let cut = 1; cut <= maxCut; cut++) yield [narrowest, cut];
  for (let cut = 0; cut <= maxCut; cut++) yield [0, cut];
}

/** The columns for content this wide on a terminal `columns` wide (undefined: not a terminal). */
export function fitList(content: readonly number[], timeDigits: number, columns: number | undefined): ListLayout {
  if (columns === undefined) return { widths: widthsFor(content, Infinity, 0), timeCut: 0, info: undefined };
  let layout: ListLayout | undefined;
  for (const [cap, timeCut] of fallbacks(content, timeDigits)) {
    const widths = widthsFor(content, cap, timeCut);
    layout = { widths, timeCut, info: roomLeft(widths, columns) };
    if (layout.info! >= MIN_INFO_WIDTH) break;
  }
  return layout!;
}

/** A Time cell with `cut` fraction digits fewer, never under milliseconds (the frames of merged captures may have fewer digits than the first). */
function shortenTime(text: string, cut: number): string {
  const dot = text.lastIndexOf('.');
  if (dot < 0) return text;
  return text.slice(0, dot + 1 + Math.max(MIN_TIME_DIGITS, text.length - dot - 1 - cut));
}

const ANSI = /^\x1b\[[0-9;]*m/;

/**
 * A terminal narrower than the fixed columns would wrap every row: cut the rendered line at the
 * width instead, keeping colour codes intact (each code point counts as one column).
 */
function cutLine(line: string, columns: number): string {
  let visible = 0;
  let out = '';
  let coloured = false;
  for (let i = 0; i < line.length; ) {
    const code = ANSI.exec(line.slice(i))?.[0];
    if (code !== undefined) {
      out += code;
      coloured = true;
      i += code.length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i) as number);
    if (visible === columns - 1 && i + ch.length < line.length) return out + '…' + (coloured ? '\x1b[0m' : '');
    out += ch;
    visible += 1;
    i += ch.length;
  }
  return out;
}

export class TableWriter {
  /** The widest cell seen per column before Info. */
  private readonly content: number[] = new Array<number>(FIXED).fill(0);
  private layout: ListLayout;

  /**
   * `first`: the rows the widths are measured on (the first batch); `timeDigits`: the capture's
   * fraction digits; `terminalColumns` undefined: output is not a terminal, nothing is cut.
   */
  constructor(
    first: readonly ListRow[],
    private readonly timeDigits: number,
    private readonly terminalColumns: number | undefined,
    private readonly style: Style,
  ) {
    for (const row of first) this.measure(row.cells);
    this.layout = fitList(this.content, timeDigits, terminalColumns);
  }

  /** Widens the columns for these cells; true when one grew. */
  private measure(cells: readonly string[]): boolean {
    let grew = false;
    for (let column = 0; column < FIXED; column++) {
      const width = displayWidth(cells[column]!);
      if (width > this.content[column]!) {
        this.content[column] = width;
        grew = true;
      }
    }
    return grew;
  }

  /** One line of cells laid out to the current widths (the streamed list's hot path); the headings keep their text. */
  private line(cells: readonly string[], headings = false): string {
    const { widths, timeCut, info } = this.layout;
    let line = '';
    for (let column = 0; column < FIXED; column++) {
      const width = widths[column]!;
      if (width === 0) continue;
      let text = cells[column]!;
      if (column === TIME && timeCut > 0 && !headings) text = shortenTime(text, timeCut);
      else if (column === SOURCE || column === DESTINATION) text = cutStart(text, width);
      const pad = spaces(width - displayWidth(text));
      line += (RIGHT_ALIGNED[column] ? pad + text : text + pad) + ' ';
    }
    const last = cells[FIXED]!;
    line = last === '' ? line.trimEnd() : line + (info === undefined ? last : cutEnd(last, Math.max(info, 1)));
    return info !== undefined && info < 1 ? cutLine(line, this.terminalColumns!) : line;
  }

  header(): string {
    const headings = this.style.bold(this.line(LIST_HEADINGS, true)) + '\n';
    return this.terminalColumns === undefined ? headings : headings + '─'.repeat(this.terminalColumns) + '\n';
  }

  row(row: ListRow): string {
    if (this.measure(row.cells)) this.layout = fitList(this.content, this.timeDigits, this.terminalColumns);
    const line = this.line(row.cells);
    if (row.worst === 'error') return this.style.red(line) + '\n';
    if (row.worst === 'warning') return this.style.yellow(line) + '\n';
    return line + '\n';
  }
}
