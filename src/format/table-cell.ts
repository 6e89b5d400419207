import cliTableUtils from 'cli-table3/src/utils.js';

/**
 * One cell of the streamed packet list, laid out exactly as cli-table3 lays out a cell (cut with "…",
 * padded to the width), without building a table per row: plain ASCII that fits, nearly every cell, is
 * padded directly; anything else (colour codes, wide or combining characters, a cut) goes through
 * cli-table3's own measuring and cutting, so the bytes stay the same either way.
 */
const PLAIN = /^[\x20-\x7e]*$/;

/** `width` is the content width (the column's width less its two padding spaces); null: as wide as the content. */
export function layoutCell(content: string, width: number | null): string {
  if (width === null) return content;
  if (content.length <= width && PLAIN.test(content)) return content + ' '.repeat(width - content.length);
  return cliTableUtils.pad(cliTableUtils.truncate(content, width, '…'), width, ' ', 'left');
}
