import type { DissectedPdu } from '../dissect/pdu.js';
import { commandLabel } from '../analysis/filter-values.js';
import type { CommandRow, CommandsResult, Statistic } from './statistic.js';
import { filterKey, filterNeedsAnalysis, passes, type StatFilter } from './stat-filter.js';

type Tally = Omit<CommandRow, 'percent'>;

/** -z icq2,commands: PDUs and bytes per command and direction (one tally per pair: bounded by the command codes). */
export class CommandCounts implements Statistic {
  readonly needsAnalysis: boolean;
  private readonly tallies = new Map<string, Tally>();
  private pdus = 0;
  private bytes = 0;

  constructor(private readonly filter?: StatFilter) {
    this.needsAnalysis = filterNeedsAnalysis(filter);
  }

  see({ pdu }: DissectedPdu): void {
    if (!passes(this.filter, pdu)) return;
    const code = pdu.command?.code ?? null;
    const key = `${pdu.direction} ${code}`;
    let tally = this.tallies.get(key);
    if (tally === undefined) {
      tally = { command: pdu.command === null ? null : commandLabel(pdu), code, direction: pdu.direction, pdus: 0, bytes: 0 };
      this.tallies.set(key, tally);
    }
    tally.pdus += 1;
    tally.bytes += pdu.length;
    this.pdus += 1;
    this.bytes += pdu.length;
  }

  result(): CommandsResult {
    const rows = [...this.tallies.values()]
      .sort((a, b) => b.pdus - a.pdus || (a.command ?? '').localeCompare(b.command ?? '') || a.direction.localeCompare(b.direction))
      .map((tally) => ({ ...tally, percent: Math.round((tally.pdus / this.pdus) * 10_000) / 100 }));
    return { statistic: 'icq2,commands', ...filterKey(this.filter), pdus: this.pdus, bytes: this.bytes, rows };
  }
}
