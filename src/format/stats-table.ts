import type { ClientsResult, CommandsResult, IoResult, ResponseTimesResult, StatisticResult } from '../stats/statistic.js';
import { softwareText } from './flows-table.js';
import type { Style } from './style.js';
import { DIRECTION_LABELS } from '../protocol/directions.js';
import { wholeTableSlices, type Row } from './whole-table.js';

/** The -z statistics as text: a title, the filter when there is one, and a table in cli-table3's layout. */

const seconds = (value: number | null): string => (value === null ? '' : value.toFixed(6));

/** The title lines, then the table in slices (io,stat over a week at 1 s is 600,000 rows: never one string). */
function* titledTable(title: string, head: readonly string[], count: number, rowAt: (index: number) => Row, style: Style): Generator<string> {
  yield title;
  yield* wholeTableSlices(head.map((heading) => style.bold(heading)), count, rowAt);
}

const filterLine = (filter: string | undefined): string => (filter === undefined ? '' : `Filter: ${filter}\n`);

function commandsText(r: CommandsResult, style: Style): Generator<string> {
  const rows: Row[] = r.rows.map((row) => [row.command ?? '?', DIRECTION_LABELS[row.direction], row.pdus, `${row.percent.toFixed(2)}%`, row.bytes]);
  rows.push(['Total', '', r.pdus, r.pdus === 0 ? '' : '100.00%', r.bytes]);
  const title = `ICQ v2 commands (-z icq2,commands)\n${filterLine(r.filter)}`;
  return titledTable(title, ['Command', 'Dir', 'PDUs', 'Percent', 'Bytes'], rows.length, (i) => rows[i]!, style);
}

function responseTimesText(r: ResponseTimesResult, style: Style): Generator<string> {
  const head = ['Request', 'Requests', 'Answered', 'Unanswered', 'Ambiguous', 'Min SRT', 'Max SRT', 'Avg SRT', 'Sum SRT'];
  const rows: Row[] = r.rows.map((row) => [row.command, row.requests, row.answered, row.unanswered, row.ambiguous, seconds(row.min), seconds(row.max), seconds(row.mean), seconds(row.sum)]);
  const title = `ICQ v2 service response time (-z icq2,srt), seconds from a request to its first response (Ambiguous: sent again before it, not timed)\n${filterLine(r.filter)}`;
  return titledTable(title, head, rows.length, (i) => rows[i]!, style);
}

function clientsText(r: ClientsResult, style: Style): Generator<string> {
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
  return titledTable(`ICQ v2 clients (-z icq2,clients)\n${filterLine(r.filter)}`, head, rows.length, (i) => rows[i]!, style);
}

/** Decimals of the interval's own (at most microseconds): "0 <> 1", "0.5 <> 1.0". */
function decimalsOf(interval: number): number {
  let decimals = 0;
  while (decimals < 6 && Math.abs(interval * 10 ** decimals - Math.round(interval * 10 ** decimals)) > 1e-9) decimals++;
  return decimals;
}

function ioText(r: IoResult, style: Style): Generator<string> {
  const decimals = decimalsOf(r.interval);
  const head = ['Interval', ...r.columns.flatMap((_, i) => [`${i + 1} Frames`, `${i + 1} Bytes`])];
  const last = r.rows.length - 1;
  // Made as the table asks for them: a row of text per interval would be held twice over.
  const at = (seconds: number): string => (decimals === 0 ? String(seconds) : seconds.toFixed(decimals));
  const rowAt = (index: number): Row => {
    const row = r.rows[index]!;
    const cells: (string | number)[] = [`${at(row.from)} <> ${index === last ? 'Dur' : at(row.to)}`];
    for (let column = 0; column < row.frames.length; column++) cells.push(row.frames[column]!, row.bytes[column]!);
    return cells;
  };
  const columns = r.columns.map((filter, i) => `Col ${i + 1}: ${filter ?? 'every frame'}\n`).join('');
  const interval = r.interval === 0 ? 'one interval' : `interval ${r.interval} s`;
  return titledTable(`IO statistics (-z io,stat): duration ${r.duration.toFixed(6)} s, ${interval}\n${columns}`, head, r.rows.length, rowAt, style);
}

/** A statistic's text, in slices to write one after the other. */
export function statisticText(result: StatisticResult, style: Style): Generator<string> {
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
