import type { DissectedPdu } from '../src/dissect/pdu.js';
import { dissectPayload } from '../src/dissect/dissect-pdu.js';
import type { Endpoint } from '../src/net/payload.js';
import { encodePdu, type EncodeValues } from '../src/protocol/encode.js';
import { findTableByName } from '../src/protocol/registry.js';
import type { Direction } from '../src/protocol/types.js';
import { LookaheadAnalysis } from '../src/analysis/lookahead-analysis.js';
import { SequenceAnalyzer, type AnalyzerLimits } from '../src/analysis/sequence-analyzer.js';
import type { SessionSummary } from '../src/analysis/session-summary.js';

/** Encoded ICQ sessions for the analysis tests: every PDU is written by the encoder and dissected for real. */

export const SERVER: Endpoint = { ip: '10.0.0.1', port: 4000 };
export const ALICE: Endpoint = { ip: '10.0.0.2', port: 1024 };
export const BOB: Endpoint = { ip: '10.0.0.3', port: 2048 };

export interface Step {
  /** Seconds since the start of the capture. */
  at: number;
  from: Endpoint;
  to: Endpoint;
  command: string;
  values?: EncodeValues;
  /** TCP connection index: a peer-to-peer PDU. */
  stream?: number;
  /** The layout variant to encode (default: the document's). */
  layout?: string;
  /** Set as the dissected PDU's `variant` (the client variant the dissector would read it with). */
  variant?: string;
}

/** Steps for one client: `send` client -> server, `recv` server -> client (SEQ_NUM given, UIN filled in). */
export function client(endpoint: Endpoint, uin: number) {
  return {
    send: (at: number, command: string, seq: number, values: EncodeValues = {}): Step => ({
      at, from: endpoint, to: SERVER, command, values: { SEQ_NUM: seq, UIN: uin, ...values },
    }),
    recv: (at: number, command: string, seq: number, values: EncodeValues = {}): Step => ({
      at, from: SERVER, to: endpoint, command, values: { SEQ_NUM: seq, ...values },
    }),
  };
}

const BASE_SECONDS = 900_000_000;
const decoder = new TextDecoder('windows-1252');

/** Frame n of the capture is steps[n - 1]. */
export function dissectSteps(steps: readonly Step[]): DissectedPdu[] {
  return steps.map((step, index) => {
    const direction: Direction =
      step.stream !== undefined ? 'peer-to-peer' : step.from.port === SERVER.port ? 'server-to-client' : 'client-to-server';
    const table = findTableByName(direction, step.command);
    if (!table) throw new Error(`no table ${direction} ${step.command}`);
    const whole = Math.floor(step.at);
    const time = { seconds: BASE_SECONDS + whole, nanos: Math.round((step.at - whole) * 1e9), digits: 6 };
    const dissected = dissectPayload(
      {
        transport: step.stream !== undefined ? 'tcp' : 'udp',
        frame: index + 1,
        frames: [index + 1],
        time,
        src: step.from,
        dst: step.to,
        bytes: encodePdu(table, step.values ?? {}, step.layout === undefined ? {} : { layout: step.layout }),
        truncated: false,
        ...(step.stream !== undefined ? { stream: step.stream } : {}),
        notes: [],
      },
      { decoder, serverPorts: new Set([SERVER.port]) },
    );
    if (step.variant !== undefined) dissected.pdu.variant = step.variant;
    return dissected;
  });
}

export interface Analyzed {
  pdus: DissectedPdu[];
  sessions: SessionSummary[];
  analyzer: SequenceAnalyzer;
}

/** Both passes over the steps, as the CLI runs them over a file. */
export function analyze(steps: readonly Step[], limits: Partial<AnalyzerLimits> = {}): Analyzed {
  const analyzer = new SequenceAnalyzer(limits);
  const ordinals = dissectSteps(steps).map((d) => analyzer.observe(d));
  const sessions = analyzer.finish();
  const pdus = dissectSteps(steps);
  pdus.forEach((d, i) => analyzer.annotate(d, ordinals[i]!));
  return { pdus, sessions, analyzer };
}

/**
 * The analysis as the streamed outputs run it: a reader ahead over its own copy of the steps (one PDU per
 * batch), each PDU annotated as soon as it is settled; `late` counts results that came after their PDU was shown.
 */
export async function analyzeStreamed(steps: readonly Step[]): Promise<{ pdus: DissectedPdu[]; late: number }> {
  async function* oneByOne(): AsyncGenerator<DissectedPdu[]> {
    for (const d of dissectSteps(steps)) yield [d];
  }
  const analysis = new LookaheadAnalysis(oneByOne());
  const pdus = dissectSteps(steps);
  for (const [ordinal, d] of pdus.entries()) {
    if (!analysis.ready(ordinal)) await analysis.readAhead(ordinal);
    analysis.annotate(d, ordinal);
  }
  await analysis.close();
  return { pdus, late: analysis.lateResults };
}

/** Notes of every frame that has any, as "frame: severity message". */
export function notesByFrame(pdus: readonly DissectedPdu[]): string[] {
  return pdus.flatMap(({ pdu }) => pdu.notes.map((n) => `${pdu.frame}: ${n.severity} ${n.message}`));
}

/** A normal login: LOGIN, the server's ACK, LOGIN_REPLY, the client's ACK. */
export function login(who: ReturnType<typeof client>, at: number, uin: number): Step[] {
  return [
    who.send(at, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1, PASSWORD: 'secret', STATUS: 0 }),
    who.recv(at + 0.000265, 'ACK', 1),
    who.recv(at + 0.0003, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: uin, USER_IP: '10.0.0.2' }),
    who.send(at + 0.004, 'ACK', 0),
  ];
}
