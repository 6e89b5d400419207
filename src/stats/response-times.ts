import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { RESPONSE_RULES } from '../protocol/pairing.js';
import { fieldValue } from '../analysis/field-value.js';
import { isRequestOf } from '../analysis/request-tracker.js';
import type { ResponseTimeRow, ResponseTimesResult, Statistic } from './statistic.js';
import { filterKey, passes, type StatFilter } from './stat-filter.js';

interface Tally {
  command: string;
  requests: number;
  answered: number;
  unanswered: number;
  timed: number;
  /** Answers to a request sent more than once: which copy they answer is unknown, so they are not timed. */
  ambiguous: number;
  min: number;
  max: number;
  sum: number;
}

/** The request commands in the order of the pairing rules, each once. */
const REQUEST_COMMANDS = [...new Set(RESPONSE_RULES.flatMap((rule) => rule.request))];

/** A request the analysis pairs: one of a rule's, with a key to pair by. */
function isPairedRequest(pdu: Pdu): boolean {
  return RESPONSE_RULES.some((rule) => isRequestOf(pdu, rule) && typeof fieldValue(pdu, rule.key) === 'number');
}

/**
 * -z icq2,srt (tshark's rpc,srt): per request command, how many were answered and the seconds from each
 * request to its first response. The analysis has settled a request before it is shown, so its
 * `responses` say at once whether it was answered; an answered one waits here only until its first
 * response comes by with `responseTime` (a few PDUs later), so memory holds the requests in flight.
 */
export class ResponseTimes implements Statistic {
  readonly needsAnalysis = true;
  private readonly tallies = new Map<string, Tally>();
  /** Answered requests whose first response is still to come, by the request's frame (a TCP frame may carry two). */
  private readonly waiting = new Map<number, Tally[]>();

  constructor(private readonly filter?: StatFilter) {}

  see({ pdu }: DissectedPdu): void {
    const analysis = pdu.analysis ?? {};
    // Responses are timed whatever the filter says: it chooses the requests.
    if (analysis.responseTo !== undefined && analysis.responseTime !== undefined) {
      this.answer(analysis.responseTo, analysis.responseTimeAmbiguous === true ? undefined : analysis.responseTime);
    }
    if (analysis.retransmissionOf !== undefined || !isPairedRequest(pdu) || !passes(this.filter, pdu)) return;
    const tally = this.tally(pdu.command!.name!);
    tally.requests += 1;
    if (analysis.responses === undefined) {
      tally.unanswered += 1;
      return;
    }
    tally.answered += 1;
    const list = this.waiting.get(pdu.frame);
    if (list) list.push(tally);
    else this.waiting.set(pdu.frame, [tally]);
  }

  result(): ResponseTimesResult {
    const rows = REQUEST_COMMANDS.flatMap((command) => {
      const tally = this.tallies.get(command);
      return tally ? [rowOf(tally)] : [];
    });
    return { statistic: 'icq2,srt', ...filterKey(this.filter), rows };
  }

  /** `seconds` undefined: the time is ambiguous. */
  private answer(requestFrame: number, seconds: number | undefined): void {
    const list = this.waiting.get(requestFrame);
    const tally = list?.shift();
    if (tally === undefined) return; // a later response of the same request, or a request not counted
    if (list!.length === 0) this.waiting.delete(requestFrame);
    if (seconds === undefined) {
      tally.ambiguous += 1;
      return;
    }
    tally.timed += 1;
    tally.min = Math.min(tally.min, seconds);
    tally.max = Math.max(tally.max, seconds);
    tally.sum += seconds;
  }

  private tally(command: string): Tally {
    let tally = this.tallies.get(command);
    if (tally === undefined) {
      tally = { command, requests: 0, answered: 0, unanswered: 0, timed: 0, ambiguous: 0, min: Infinity, max: -Infinity, sum: 0 };
      this.tallies.set(command, tally);
    }
    return tally;
  }
}

/** Seconds to the nanosecond, as the analysis measures them (sums of floats gather noise below it). */
const toNanosecond = (seconds: number): number => Math.round(seconds * 1e9) / 1e9;

function rowOf({ command, requests, answered, unanswered, timed, ambiguous, min, max, sum }: Tally): ResponseTimeRow {
  const none = timed === 0;
  return {
    command,
    requests,
    answered,
    unanswered,
    ambiguous,
    min: none ? null : min,
    max: none ? null : max,
    mean: none ? null : toNanosecond(sum / timed),
    sum: toNanosecond(sum),
  };
}
