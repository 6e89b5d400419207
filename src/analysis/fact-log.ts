import type { Analysis, ClientSoftware, Note } from '../dissect/pdu.js';
import { noteText, type NoteFact } from './analysis-notes.js';
import { fingerprintOf, softwareOf, type Made } from './fingerprint-verdict.js';

/** What the analysis learns about a PDU, one kind per Analysis key (and its session, notes and client software). */
export enum FactKind {
  Session,
  Acks,
  AckedBy,
  /** Seconds, then 1 when the packet had been sent more than once (Karn's rule: ambiguous). */
  AckRtt,
  RetransmissionOf,
  /** On a first copy: the frame of a later copy of it. */
  RetransmittedIn,
  ResponseTo,
  Response,
  /** Seconds, then 1 when the request had been sent more than once (ambiguous). */
  ResponseTime,
  Note,
  /** The session's client software: signature index (-1 unknown), confidence, 1 on the session's first PDU. */
  Client,
  /** On the session's first PDU, an observation behind the verdict: signature, observation, frame, observed value. */
  Evidence,
  /** The session client's UIN, on a PDU that carries none of its own (a server packet). */
  Uin,
}

/**
 * Which facts a log keeps, by the PDU they concern (`ordinal`) and the one being observed (`current`):
 * `all` (results read after the whole capture), `forward` (what a PDU learns only from later ones; the rest
 * is worked out again when it is shown), `current` (what the PDU being shown learns at once) and `none`
 * (only the sessions' figures are wanted).
 */
export type Keep = 'all' | 'forward' | 'current' | 'none';

/** Fields of one fact in a PDU's flat list: kind, then four numbers (a note: its code and three numbers). */
const WIDTH = 5;

/**
 * Facts per PDU as flat number lists (kind, a, b, c, d), notes as codes: no objects or strings per PDU.
 * Set-like kinds read last-wins, Response accumulates, notes keep their order.
 */
export class FactLog {
  private readonly facts = new Map<number, number[]>();
  /** With `current`: the one PDU's facts, one list refilled for each (no map or list made per PDU). */
  private readonly currentFacts: number[] = [];
  /** Ordinal being observed; Infinity once the capture has ended (everything learnt then is forward). */
  current = -1;
  /** Facts below this ordinal are no longer wanted (their PDUs were shown). */
  private forgottenBelow = 0;
  /** Facts that came for a PDU already shown: the pending bookkeeping missed something (a test keeps it 0). */
  late = 0;

  constructor(private readonly keep: Keep) {}

  begin(ordinal: number): void {
    this.currentFacts.length = 0;
    this.current = ordinal;
  }

  add(ordinal: number, kind: FactKind, a: number, b = 0, c = 0, d = 0): void {
    if (!this.keeps(ordinal)) return;
    if (this.keep === 'current') {
      this.currentFacts.push(kind, a, b, c, d);
      return;
    }
    if (ordinal < this.forgottenBelow) {
      this.late++;
      return;
    }
    const list = this.facts.get(ordinal);
    if (list) list.push(kind, a, b, c, d);
    else this.facts.set(ordinal, [kind, a, b, c, d]);
  }

  private keeps(ordinal: number): boolean {
    switch (this.keep) {
      case 'all':
        return true;
      case 'forward':
        return ordinal < this.current;
      case 'current':
        return ordinal === this.current;
      case 'none':
        return false;
    }
  }

  addNote(ordinal: number, note: NoteFact): void {
    this.add(ordinal, FactKind.Note, note.code, note.a, note.b, note.c);
  }

  /** The latest fact of a set-like kind. */
  get(ordinal: number, kind: FactKind): number | undefined {
    const list = this.list(ordinal);
    let found: number | undefined;
    for (let i = 0; list && i < list.length; i += WIDTH) if (list[i] === kind) found = list[i + 1];
    return found;
  }

  /** Drops what concerns PDUs below `ordinal`. */
  forget(ordinal: number): void {
    for (let o = this.forgottenBelow; o < ordinal && this.facts.size > 0; o++) this.facts.delete(o);
    this.forgottenBelow = Math.max(this.forgottenBelow, ordinal);
  }

  list(ordinal: number): readonly number[] | undefined {
    if (this.keep !== 'current') return this.facts.get(ordinal);
    return ordinal === this.current && this.currentFacts.length > 0 ? this.currentFacts : undefined;
  }
}

/** What the analysis adds to a PDU: its `analysis` (only the keys that apply), notes, session, the client's UIN and software. */
export interface Learnt {
  analysis: Analysis;
  notes: Note[];
  session?: number;
  uin?: number;
  client?: ClientSoftware;
}

/** What a PDU learnt, from one or more logs' facts in order. */
export function analysisFrom(lists: readonly (readonly number[] | undefined)[]): Learnt {
  let acks = 0;
  let ackedBy = 0;
  let retransmissionOf = 0;
  let responseTo = 0;
  let ackRtt = NaN;
  let ackRttAmbiguous = false;
  let retransmittedIn: number[] | undefined;
  let responseTime = NaN;
  let responseTimeAmbiguous = false;
  let responses: number[] | undefined;
  let session = 0;
  let uin = -1;
  let client: { signature: number; confidence: number; first: boolean } | undefined;
  const evidence: Made[] = [];
  const notes: Note[] = [];
  for (const list of lists) {
    for (let i = 0; list && i < list.length; i += WIDTH) {
      const a = list[i + 1]!;
      switch (list[i] as FactKind) {
        case FactKind.Acks:
          acks = a;
          break;
        case FactKind.AckedBy:
          ackedBy = a;
          break;
        case FactKind.AckRtt:
          ackRtt = a;
          ackRttAmbiguous = list[i + 2] === 1;
          break;
        case FactKind.RetransmittedIn:
          (retransmittedIn ??= []).push(a);
          break;
        case FactKind.RetransmissionOf:
          retransmissionOf = a;
          break;
        case FactKind.ResponseTo:
          responseTo = a;
          break;
        case FactKind.Response:
          (responses ??= []).push(a);
          break;
        case FactKind.ResponseTime:
          responseTime = a;
          responseTimeAmbiguous = list[i + 2] === 1;
          break;
        case FactKind.Note:
          notes.push(noteText({ code: a, a: list[i + 2]!, b: list[i + 3]!, c: list[i + 4]! }));
          break;
        case FactKind.Client:
          client = { signature: a, confidence: list[i + 2]!, first: list[i + 3] === 1 };
          break;
        case FactKind.Evidence:
          evidence.push([a, list[i + 2]!, list[i + 3]!, list[i + 4]!]);
          break;
        case FactKind.Session:
          session = a;
          break;
        case FactKind.Uin:
          uin = a;
          break;
      }
    }
  }
  // Keys in the JSON schema's order; frame 0 and NaN seconds mean "none".
  const analysis: Analysis = {};
  if (acks) analysis.acks = acks;
  if (ackedBy) analysis.ackedBy = ackedBy;
  if (!Number.isNaN(ackRtt)) analysis.ackRtt = ackRtt;
  if (ackRttAmbiguous) analysis.ackRttAmbiguous = true;
  if (retransmissionOf) analysis.retransmissionOf = retransmissionOf;
  if (retransmittedIn) analysis.retransmittedIn = retransmittedIn;
  if (responseTo) analysis.responseTo = responseTo;
  if (responses) analysis.responses = responses;
  if (!Number.isNaN(responseTime)) analysis.responseTime = responseTime;
  if (responseTimeAmbiguous) analysis.responseTimeAmbiguous = true;
  const learnt: Learnt = { analysis, notes };
  if (session) learnt.session = session;
  if (uin >= 0) learnt.uin = uin;
  if (client !== undefined) learnt.client = client.first ? fingerprintOf(client, evidence) : softwareOf(client);
  return learnt;
}
