import type { Timestamp } from '../capture/record.js';
import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { RESPONSE_RULES, type FieldCondition, type ResponseRule } from '../protocol/pairing.js';
import { unansweredNote, unfinishedNote } from './analysis-notes.js';
import { fieldValue } from './field-value.js';
import { FactKind, type FactLog } from './fact-log.js';
import type { Pending } from './pending-ordinals.js';
import { MAX_TRACKED_NUMBERS } from './side-tracker.js';
import { secondsBetween } from '../dissect/time.js';

interface PendingRequest {
  rule: ResponseRule;
  /** Index of RESPONSE_RULES and of the request command in the rule (for the notes' codes). */
  ruleIndex: number;
  requestIndex: number;
  ordinal: number;
  frame: number;
  time: Timestamp;
  answers: number;
  /** Sent again before an answer: its response times are ambiguous (Karn's rule). */
  resent: boolean;
}

/** Beyond this many open requests in one session, the oldest is settled (as unanswered) early. */
const MAX_PENDING = 256;
/** Responses remembered for their retransmissions: as many as a side's tracked sequence numbers, both sides. */
const MAX_ANSWERED = 2 * MAX_TRACKED_NUMBERS;

/**
 * Pairs requests with their responses by the key field the rules in src/protocol/pairing.ts name.
 * The key is scoped by the requester's address, so both peers of a TCP connection may count alike.
 */
export class RequestTracker {
  /** Made on the first request (one tracker per session, and most sessions of a hostile capture have none). */
  private pending: Map<string, PendingRequest> | undefined;
  /** Frame each recent response answered, by the response's ordinal: a retransmitted copy answers it too. */
  private answered: Map<number, number> | undefined;

  /** `holds` keeps each open request's PDU from being shown until it is answered or settled. */
  constructor(
    private readonly results: FactLog,
    private readonly holds: Pending,
  ) {}

  /**
   * `firstCopy` is the ordinal of the first copy when this PDU is a retransmission: a copy of a
   * request leaves the first one in charge (its answers may be to either copy: their times are marked
   * ambiguous), a copy of a response answers what the first answered.
   */
  observe(d: DissectedPdu, ordinal: number, firstCopy?: number): void {
    const { pdu } = d;
    const name = pdu.command?.name;
    if (!name) return;
    if (firstCopy !== undefined) {
      const answered = this.answered?.get(firstCopy);
      if (answered) this.results.add(ordinal, FactKind.ResponseTo, answered);
      for (const request of this.pending?.values() ?? []) if (request.ordinal === firstCopy) request.resent = true;
      return;
    }
    RESPONSE_RULES.forEach((rule, index) => {
      if (rule.transport !== pdu.transport) return;
      const request = isRequestOf(pdu, rule);
      if (!request && !(rule.responses.includes(name) && meets(pdu, rule.responseWhen?.[name]))) return;
      const key = fieldValue(pdu, rule.key);
      if (typeof key !== 'number') return;
      if (request) {
        const requestIndex = rule.request.indexOf(name);
        this.openRequest(`${index}|${pdu.src}|${key}`, { rule, ruleIndex: index, requestIndex, ordinal, frame: pdu.frame, time: d.timestamp, answers: 0, resent: false });
      } else {
        this.answer(`${index}|${pdu.dst}|${key}`, d, ordinal, name);
      }
    });
  }

  /** Settles every open request (end of capture or of the session). */
  close(): void {
    for (const request of this.pending?.values() ?? []) this.settle(request);
    this.pending = undefined;
    this.answered = undefined;
  }

  private openRequest(key: string, request: PendingRequest): void {
    const pending = (this.pending ??= new Map());
    const previous = pending.get(key);
    if (previous) {
      pending.delete(key);
      this.settle(previous);
    }
    pending.set(key, request);
    this.holds.hold(request.ordinal);
    if (pending.size > MAX_PENDING) {
      const [oldestKey, oldest] = pending.entries().next().value!;
      pending.delete(oldestKey);
      this.settle(oldest);
    }
  }

  private answer(key: string, d: DissectedPdu, ordinal: number, name: string): void {
    const request = this.pending?.get(key);
    if (!request) return;
    this.results.add(ordinal, FactKind.ResponseTo, request.frame);
    this.results.add(ordinal, FactKind.ResponseTime, secondsBetween(request.time, d.timestamp), request.resent ? 1 : 0);
    this.results.add(request.ordinal, FactKind.Response, d.pdu.frame);
    const answered = (this.answered ??= new Map());
    answered.set(ordinal, request.frame);
    if (answered.size > MAX_ANSWERED) answered.delete(answered.keys().next().value!);
    request.answers += 1;
    if (request.rule.final === undefined || request.rule.final === name) {
      this.pending!.delete(key);
      this.holds.release(request.ordinal);
    }
  }

  private settle(request: PendingRequest): void {
    const { rule } = request;
    if (request.answers === 0) this.results.addNote(request.ordinal, unansweredNote(request.ruleIndex, request.requestIndex));
    else if (rule.final !== undefined) this.results.addNote(request.ordinal, unfinishedNote(request.ruleIndex, request.requestIndex));
    this.holds.release(request.ordinal);
  }
}

/** Whether the PDU is a request of `rule`: its command, direction, transport and condition (the -z icq2,srt statistic asks too). */
export function isRequestOf(pdu: Pdu, rule: ResponseRule): boolean {
  const name = pdu.command?.name;
  return (
    typeof name === 'string' &&
    rule.transport === pdu.transport &&
    rule.request.includes(name) &&
    rule.requestDirection === pdu.direction &&
    meets(pdu, rule.requestWhen)
  );
}

/** Whether the PDU meets a rule's condition on one of its fields (no condition: it does). */
function meets(pdu: Pdu, condition: FieldCondition | undefined): boolean {
  if (condition === undefined) return true;
  const value = fieldValue(pdu, condition.field);
  const listed = typeof value === 'number' && condition.values.includes(value);
  return condition.except ? !listed : listed;
}
