import type { Timestamp } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { RESPONSE_RULES, type ResponseRule } from '../protocol/pairing.js';
import { unansweredNote, unfinishedNote } from './analysis-notes.js';
import { fieldValue } from './field-value.js';
import type { PduResults } from './pdu-results.js';
import { secondsBetween } from './timing.js';

interface PendingRequest {
  rule: ResponseRule;
  command: string;
  ordinal: number;
  frame: number;
  time: Timestamp;
  answers: number;
}

/** Beyond this many open requests in one session, the oldest is settled (as unanswered) early. */
const MAX_PENDING = 256;

/**
 * Pairs requests with their responses by the key field the rules in src/protocol/pairing.ts name.
 * The key is scoped by the requester's address, so both peers of a TCP connection may count alike.
 */
export class RequestTracker {
  private readonly pending = new Map<string, PendingRequest>();

  constructor(private readonly results: PduResults) {}

  /**
   * `firstCopy` is the ordinal of the first copy when this PDU is a retransmission: a copy of a
   * request leaves the first one in charge, a copy of a response answers what the first answered.
   */
  observe(d: DissectedPdu, ordinal: number, firstCopy?: number): void {
    const { pdu } = d;
    const name = pdu.command?.name;
    if (!name) return;
    if (firstCopy !== undefined) {
      const answered = this.results.responseTo.get(firstCopy);
      if (answered) this.results.responseTo.set(ordinal, answered);
      return;
    }
    RESPONSE_RULES.forEach((rule, index) => {
      if (rule.transport !== pdu.transport) return;
      const request = rule.request.includes(name) && rule.requestDirection === pdu.direction;
      if (!request && !rule.responses.includes(name)) return;
      const key = fieldValue(pdu, rule.key);
      if (typeof key !== 'number') return;
      if (request) {
        this.openRequest(`${index}|${pdu.src}|${key}`, { rule, command: name, ordinal, frame: pdu.frame, time: d.timestamp, answers: 0 });
      } else {
        this.answer(`${index}|${pdu.dst}|${key}`, d, ordinal, name);
      }
    });
  }

  /** Settles every open request (end of capture or of the session). */
  close(): void {
    for (const request of this.pending.values()) this.settle(request);
    this.pending.clear();
  }

  private openRequest(key: string, request: PendingRequest): void {
    const previous = this.pending.get(key);
    if (previous) {
      this.pending.delete(key);
      this.settle(previous);
    }
    this.pending.set(key, request);
    if (this.pending.size > MAX_PENDING) {
      const [oldestKey, oldest] = this.pending.entries().next().value!;
      this.pending.delete(oldestKey);
      this.settle(oldest);
    }
  }

  private answer(key: string, d: DissectedPdu, ordinal: number, name: string): void {
    const request = this.pending.get(key);
    if (!request) return;
    this.results.responseTo.set(ordinal, request.frame);
    this.results.responseTime.set(ordinal, secondsBetween(request.time, d.timestamp));
    this.results.addResponse(request.ordinal, d.pdu.frame);
    request.answers += 1;
    if (request.rule.final === undefined || request.rule.final === name) this.pending.delete(key);
  }

  private settle(request: PendingRequest): void {
    const { rule } = request;
    if (request.answers === 0) this.results.addNote(request.ordinal, unansweredNote(request.command, rule.responses));
    else if (rule.final !== undefined) this.results.addNote(request.ordinal, unfinishedNote(request.command, rule.final));
  }
}
