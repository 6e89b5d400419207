import cliTableUtils from 'cli-table3/src/utils.js';

/**
 * Cells of the tables. A whole table's (flows, statistics) cells are laid out exactly as cli-table3 lays
 * out a cell (cut with "…", padded to the width), without building a table per row: plain ASCII that
 * fits, nearly every cell, is padded directly; anything else (colour codes, wide or combining
 * characters, a cut) goes through cli-table3's own measuring and cutting, so the bytes stay the same
 * either way. The packet list pads and cuts its cells with the same measure (cutStart, cutEnd). Short
 * cells that are not plain ASCII repeat (the Dir column's "C→S"), so their layout is remembered.
 */
const MEMO_LIMIT = 4096;
const MEMO_MAX_CHARS = 24;

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Widths of short text that is not plain ASCII (the Dir column's "C→S"), measured once. */
const widthMemo = new Map<string, number>();

/** Columns a cell's text takes, as cli-table3 counts them (string-width only for text that is not plain ASCII). */
export function displayWidth(text: string): number {
  if (isPlainAscii(text)) return text.length;
  if (text.length > MEMO_MAX_CHARS) return cliTableUtils.strlen(text);
  let width = widthMemo.get(text);
  if (width === undefined) {
    if (widthMemo.size >= MEMO_LIMIT) widthMemo.clear();
    width = cliTableUtils.strlen(text);
    widthMemo.set(text, width);
  }
  return width;
}

/** Padding by length, made once. */
const SPACES = Array.from({ length: 257 }, (_, n) => ' '.repeat(n));
export const spaces = (n: number): string => SPACES[n] ?? ' '.repeat(Math.max(0, n));
const memo = new Map<string, string>();

function measuredCell(content: string, width: number): string {
  return cliTableUtils.pad(cliTableUtils.truncate(content, width, '…'), width, ' ', 'left');
}

/** Text cut to `width` columns with "…" at its end (wide characters and colour codes counted as cli-table3 does). */
export function cutEnd(text: string, width: number): string {
  if (text.length <= width && isPlainAscii(text)) return text;
  return displayWidth(text) <= width ? text : cliTableUtils.truncate(text, width, '…');
}

/** Plain ASCII cut to `width` at its start, keeping the end (an address keeps its port: `…100.10:1026`). */
export function cutStart(text: string, width: number): string {
  return text.length <= width ? text : '…' + text.slice(text.length - width + 1);
}

/** `width` is the content width (the column's width less its two padding spaces); null: as wide as the content. */
export function layoutCell(content: string, width: number | null): string {
  if (width === null) return content;
  if (content.length <= width && isPlainAscii(content)) return content + spaces(width - content.length);
  if (content.length > MEMO_MAX_CHARS) return measuredCell(content, width);
  const key = `${width} ${content}`;
  let cell = memo.get(key);
  if (cell === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    cell = measuredCell(content, width);
    memo.set(key, cell);
  }
  return cell;
}

/** cli-table3's box characters: left, middle and right of each rule (an open-right table leaves the right off). */
export const BOX = {
  top: ['┌', '┬', '┐'],
  separator: ['├', '┼', '┤'],
  bottom: ['└', '┴', '┘'],
} as const;

type RuleChars = (typeof BOX)[keyof typeof BOX];

/** A horizontal rule over columns of these full widths (padding included). */
export function boxRule(widths: readonly number[], [left, mid, right]: RuleChars, open = false): string {
  return left + widths.map((width) => '─'.repeat(width)).join(mid) + (open ? '' : right);
}

/** A row of cells between vertical bars, each laid out to its content width (null: as wide as the cell). */
export function boxLine(cells: readonly string[], contentWidths: readonly (number | null)[], open = false): string {
  return '│' + cells.map((cell, i) => ` ${layoutCell(cell, contentWidths[i] ?? null)} `).join('│') + (open ? '' : '│');
}
