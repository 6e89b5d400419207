import type { DissectedPdu } from '../dissect/pdu.js';
import type { Timestamp } from '../capture/record.js';
import type { SessionSummary, Side } from '../analysis/session-summary.js';
import { secondsBetween } from '../dissect/time.js';
import { flowArrow, GapsByFrame, gapText, problems, sessionTitle, sideNames } from './flow-label.js';

/**
 * A text sequence diagram of one session, one line per PDU (and one per gap, before the PDU that showed
 * it), so it can be written as the PDUs come; the same steps as JSON for `--ladder -T json`:
 *
 *         time  |client                              server|
 *     0.000000  |---------- LOGIN seq 1 ------------->|  frame 1
 *               |~~~~~~~~ seq 13 not seen ~~~~~~~~~~~>|  ! gap
 */

const ARROW_WIDTH = 40;
const TIME_WIDTH = 12;

/** One line of the ladder as data: a PDU's arrow, or numbers a side skipped. */
export type LadderStep =
  | { kind: 'pdu'; frame: number; time: number; from: Side; label: string; ack: boolean; problems: string[] }
  | { kind: 'gap'; frame: number; side: Side; from: number; to: number; text: string };

/** A session's ladder in `--ladder -T json`. */
export interface LadderJson {
  session: number;
  title: string;
  client: string;
  server: string;
  steps: LadderStep[];
}

/** The steps of one session's PDUs; times count from the session's first PDU. */
export class LadderSteps {
  private origin: Timestamp | undefined;
  private readonly gaps: GapsByFrame;

  constructor(readonly session: SessionSummary) {
    this.gaps = new GapsByFrame(session);
  }

  /** The gaps the PDU's frame showed (each once), then the PDU. */
  of(d: DissectedPdu): LadderStep[] {
    this.origin ??= d.timestamp;
    const steps: LadderStep[] = this.gaps.take(d.pdu.frame).map((gap) => ({ kind: 'gap', frame: gap.frame, side: gap.side, from: gap.from, to: gap.to, text: gapText(gap) }));
    const arrow = flowArrow(this.session, d.pdu);
    const time = Number(secondsBetween(this.origin, d.timestamp).toFixed(d.timestamp.digits));
    steps.push({ kind: 'pdu', frame: d.pdu.frame, time, from: arrow.toServer ? 'client' : 'server', label: arrow.label, ack: arrow.ack, problems: problems(d.pdu) });
    return steps;
  }
}

export class Ladder {
  private readonly steps: LadderSteps;
  private digits = 6;

  constructor(private readonly session: SessionSummary) {
    this.steps = new LadderSteps(session);
  }

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

  /** One PDU of this session, after the gaps its frame showed. */
  lines(d: DissectedPdu): string[] {
    this.digits = d.timestamp.digits;
    return this.steps.of(d).map((step) => this.line(step));
  }

  private line(step: LadderStep): string {
    if (step.kind === 'gap') return `${' '.repeat(TIME_WIDTH)}  |${arrowLine(step.text, step.side === 'client', '~')}|  ! gap`;
    const time = step.time.toFixed(this.digits).padStart(TIME_WIDTH);
    const line = arrowLine(step.label, step.from === 'client', step.ack ? '.' : '-');
    return `${time}  |${line}|  frame ${step.frame}${step.problems.length > 0 ? `  ! ${step.problems.join('; ')}` : ''}`;
  }
}

/** The whole diagram of one session from its PDUs (annotated, in capture order). */
export function formatLadder(session: SessionSummary, pdus: Iterable<DissectedPdu>): string {
  const ladder = new Ladder(session);
  const lines = ladder.header();
  for (const d of pdus) lines.push(...ladder.lines(d));
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
