import type { ClientsResult, CommandsResult, IoResult, ResponseTimesResult, StatisticResult } from '../stats/statistic.js';
import { softwareText } from './flows-table.js';
import type { Style } from './style.js';
import { DIRECTION_ABBREVIATIONS } from './text-printer.js';
import { wholeTableSlices, type Row } from './whole-table.js';

/** The -z statistics as text: a title, the filter when there is one, and a table in cli-table3's layout. */

const seconds = (value: number | null): string => (value === null ? '' : value.toFixed(6));

function table(style: Style, head: readonly string[], rows: readonly Row[]): string {
  return [...wholeTableSlices(head.map((heading) => style.bold(heading)), rows.length, (i) => rows[i]!)].join('');
}

function titled(title: string, filter: string | undefined, body: string): string {
  return title + '\n' + (filter === undefined ? '' : `Filter: ${filter}\n`) + body;
}

function commandsText(r: CommandsResult, style: Style): string {
  const rows: Row[] = r.rows.map((row) => [row.command ?? '?', DIRECTION_ABBREVIATIONS[row.direction], row.pdus, `${row.percent.toFixed(2)}%`, row.bytes]);
  rows.push(['Total', '', r.pdus, r.pdus === 0 ? '' : '100.00%', r.bytes]);
  return titled('ICQ v2 commands (-z icq2,commands)', r.filter, table(style, ['Command', 'Dir', 'PDUs', 'Percent', 'Bytes'], rows));
}

function responseTimesText(r: ResponseTimesResult, style: Style): string {
  const head = ['Request', 'Requests', 'Answered', 'Unanswered', 'Min SRT', 'Max SRT', 'Avg SRT', 'Sum SRT'];
  const rows: Row[] = r.rows.map((row) => [row.command, row.requests, row.answered, row.unanswered, seconds(row.min), seconds(row.max), seconds(row.mean), seconds(row.sum)]);
  return titled('ICQ v2 service response time (-z icq2,srt), seconds from a request to its first response', r.filter, table(style, head, rows));
}

function clientsText(r: ClientsResult, style: Style): string {
  const head = ['UIN', 'Software', 'Endpoints', 'Sessions', 'PDUs', 'Bytes', 'First s', 'Last s'];
  const rows: Row[] = r.rows.map((row) => [
    row.uin ?? '',
    softwareText(row),
    row.endpoints.join(', ') + (row.moreEndpoints === undefined ? '' : ` +${row.moreEndpoints} more`),
    row.sessions,
    row.pdus,
    row.bytes,
    seconds(row.first),
    seconds(row.last),
  ]);
  return titled('ICQ v2 clients (-z icq2,clients)', r.filter, table(style, head, rows));
}

/** Decimals of the interval's own (at most microseconds): "0 <> 1", "0.5 <> 1.0". */
function decimalsOf(interval: number): number {
  let decimals = 0;
  while (decimals < 6 && Math.abs(interval * 10 ** decimals - Math.round(interval * 10 ** decimals)) > 1e-9) decimals++;
  return decimals;
}

function ioText(r: IoResult, style: Style): string {
  const decimals = decimalsOf(r.interval);
  const head = ['Interval', ...r.columns.flatMap((_, i) => [`${i + 1} Frames`, `${i + 1} Bytes`])];
  const rows: Row[] = r.rows.map((row, index) => [
    `${row.from.toFixed(decimals)} <> ${index === r.rows.length - 1 ? 'Dur' : row.to.toFixed(decimals)}`,
    ...row.frames.flatMap((frames, column) => [frames, row.bytes[column]!]),
  ]);
  const columns = r.columns.map((filter, i) => `Col ${i + 1}: ${filter ?? 'every frame'}\n`).join('');
  const interval = r.interval === 0 ? 'one interval' : `interval ${r.interval} s`;
  const title = `IO statistics (-z io,stat): duration ${r.duration.toFixed(6)} s, ${interval}\n${columns}`;
  return title + table(style, head, rows);
}

export function statisticText(result: StatisticResult, style: Style): string {
  switch (result.statistic) {
    case 'icq2,commands':
      return commandsText(result, style);
    case 'icq2,srt':
      return responseTimesText(result, style);
    case 'icq2,clients':
      return clientsText(result, style);
    case 'io,stat':
      return ioText(result, style);
  }
}
