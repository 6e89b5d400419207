import type { DissectedPdu } from '../dissect/pdu.js';
import type { Timestamp } from '../capture/record.js';
import type { SessionSummary } from '../analysis/session-summary.js';
import { secondsBetween } from '../dissect/time.js';
import { flowArrow, problems, sessionTitle, sideNames } from './flow-label.js';

/**
 * A text sequence diagram of one session, one line per PDU, so it can be written as the PDUs come:
 *
 *         time  |client                              server|
 *     0.000000  |---------- LOGIN seq 1 ------------->|  #1
 */

const ARROW_WIDTH = 40;
const TIME_WIDTH = 12;

export class Ladder {
  private origin: Timestamp | undefined;

  constructor(private readonly session: SessionSummary) {}

  header(): string[] {
    const { client, server } = this.session;
    const [left, right] = sideNames(this.session);
    const gap = Math.max(1, ARROW_WIDTH + 2 - client.length - server.length);
    return [
      sessionTitle(this.session),
      `${' '.repeat(TIME_WIDTH)}  ${left.padEnd(ARROW_WIDTH + 2 - right.length)}${right}`,
      `${'time'.padStart(TIME_WIDTH)}  ${client}${' '.repeat(gap)}${server}`,
    ];
  }

  /** One PDU of this session; times count from the session's first PDU. */
  line(d: DissectedPdu): string {
    this.origin ??= d.timestamp;
    const time = secondsBetween(this.origin, d.timestamp).toFixed(d.timestamp.digits).padStart(TIME_WIDTH);
    const arrow = flowArrow(this.session, d.pdu);
    const line = arrowLine(arrow.label, arrow.toServer, arrow.ack ? '.' : '-');
    const warnings = problems(d.pdu);
    return `${time}  |${line}|  #${d.pdu.frame}${warnings.length > 0 ? `  ! ${warnings.join('; ')}` : ''}`;
  }
}

/** The whole diagram of one session from its PDUs (annotated, in capture order). */
export function formatLadder(session: SessionSummary, pdus: Iterable<DissectedPdu>): string {
  const ladder = new Ladder(session);
  const lines = ladder.header();
  for (const d of pdus) lines.push(ladder.line(d));
  return lines.join('\n') + '\n';
}

/** `-------- LABEL -------->` or `<-------- LABEL --------`, ARROW_WIDTH wide (longer labels stretch it). */
function arrowLine(label: string, rightward: boolean, dash: string): string {
  const text = ` ${label} `;
  const dashes = Math.max(2, ARROW_WIDTH - text.length - 1);
  const left = dash.repeat(dashes >> 1);
  const right = dash.repeat(dashes - (dashes >> 1));
  return rightward ? `${left}${text}${right}>` : `<${left}${text}${right}`;
}
