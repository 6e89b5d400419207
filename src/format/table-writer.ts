import type { Style } from './style.js';
import { BOX, boxLine, boxRule } from './table-cell.js';

/**
 * The default output, streamed: widths are fixed once so each row is laid out on its own as it arrives,
 * as padded strings in cli-table3's layout (a cli-table3 table per row cost 133 µs; see table-cell.ts).
 * The Info column is last and open on the right: on a terminal it is cut to the width with "…",
 * elsewhere (a pipe, a file) it is never cut. Borders never carry colour codes.
 */

export interface TableRow {
  no: string;
  time: string;
  source: string;
  destination: string;
  dir: string;
  command: string;
  seq: string;
  uin: string;
  info: string;
  /** Marks the row's Info as an error (red when colour is on). */
  error: boolean;
}

const HEADINGS = ['No.', 'Time', 'Source', 'Destination', 'Dir', 'Command', 'Seq', 'UIN', 'Info'];
/** Content widths of the fixed columns after No. and Time (ip:port, C→S, the longest names, u16, u32). */
const FIXED_WIDTHS = [21, 21, 3, 16, 5, 10];
/**
 * On a narrow terminal, which columns give up room first and down to what width (cli-table3 cuts a
 * longer cell with "…"): UIN, Command and Time before the addresses, which people read most.
 * Indexes count from No. (0) and Time (1).
 */
const SHRINK_ORDER: readonly { columns: readonly number[]; min: number }[] = [
  { columns: [7], min: 7 },
  { columns: [5], min: 12 },
  { columns: [1], min: 12 },
  { columns: [2, 3], min: 13 },
  { columns: [5], min: 9 },
];
const NUMBER_WIDTH = 6;
const PADDING = 2;
/** On a terminal, fixed columns shrink until Info has this much room (or cannot shrink further). */
const MIN_INFO_WIDTH = 30;
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
  private readonly widths: Array<number | null>;
  private readonly contentWidths: Array<number | null>;

  /** `terminalColumns` undefined: output is not a terminal, nothing is cut. */
  constructor(
    timeWidth: number,
    private readonly terminalColumns: number | undefined,
    private readonly style: Style,
  ) {
    const content = [NUMBER_WIDTH, timeWidth, ...FIXED_WIDTHS];
    const borders = content.length + 1;
    const infoRoom = () => (terminalColumns ?? 0) - content.reduce((sum, width) => sum + width + PADDING, borders) - PADDING;
    for (const { columns, min } of terminalColumns === undefined ? [] : SHRINK_ORDER) {
      // Columns of one stage give up room in turn, so Source and Destination stay alike.
      for (let i = 0; infoRoom() < MIN_INFO_WIDTH && columns.some((c) => content[c]! > min); i++) {
        const column = columns[i % columns.length]!;
        if (content[column]! > min) content[column]! -= 1;
      }
    }
    const fixed = content.map((width) => width + PADDING);
    this.widths = [...fixed, terminalColumns === undefined ? null : Math.max(MIN_INFO_WIDTH, infoRoom()) + PADDING];
    this.contentWidths = this.widths.map((width) => (width === null ? null : width - PADDING));
  }

  /** One line of cells, as cli-table3 draws a row with widths fixed up front (the streamed list's hot path). */
  private line(cells: readonly string[]): string {
    return this.fit(boxLine(cells, this.contentWidths, true).trimEnd());
  }

  /** A horizontal rule; the open Info column is as wide as its heading when nothing fixes it. */
  private rule(chars: (typeof BOX)[keyof typeof BOX]): string {
    return this.fit(boxRule(this.widths.map((width) => width ?? 'Info'.length + PADDING), chars, true));
  }

  private fit(line: string): string {
    return this.terminalColumns === undefined ? line : cutLine(line, this.terminalColumns);
  }

  header(): string {
    const cells = HEADINGS.map((heading) => this.style.bold(heading));
    return [this.rule(BOX.top), this.line(cells), this.rule(BOX.separator)].join('\n') + '\n';
  }

  row(row: TableRow): string {
    const info = row.error ? this.style.red(row.info) : row.info;
    return this.line([row.no, row.time, row.source, row.destination, row.dir, row.command, row.seq, row.uin, info]) + '\n';
  }

  footer(): string {
    return this.rule(BOX.bottom) + '\n';
  }
}
