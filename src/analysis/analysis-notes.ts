import type { Note } from '../dissect/pdu.js';
import { note } from '../net/note-kinds.js';
import { flatText } from '../net/flat-text.js';
import { CONTACT_LIST_RULE, REQUEST_NUMBERS, RESPONSE_RULES, responseName } from '../protocol/pairing.js';

/**
 * Every note the analysis writes, kept as a code and up to three numbers until it is shown (a note
 * object and its message per PDU cost hundreds of bytes between the passes); `noteText` makes the
 * text, so their exact wording lives in one place.
 */
export enum NoteCode {
  Gap,
  Retransmission,
  Unacknowledged,
  StrayAck,
  AckBeforeCapture,
  DuplicateAck,
  Unanswered,
  Unfinished,
  KeepAlive,
  Evicted,
  Resumed,
  Skipped,
  Unlisted,
}

export interface NoteFact {
  code: NoteCode;
  a: number;
  b: number;
  c: number;
}

const fact = (code: NoteCode, a: number, b = 0, c = 0): NoteFact => ({ code, a, b, c });

export const gapNote = (from: number, to: number): NoteFact => fact(NoteCode.Gap, from, to);
/** A SEQ_NUM the side spent on its request number REQUEST_NUMBERS[declared] in frame `frame`. */
export const skippedNote = (seq: number, declared: number, frame: number): NoteFact => fact(NoteCode.Skipped, seq, declared, frame);
export const retransmissionNote = (seq: number, firstFrame: number): NoteFact => fact(NoteCode.Retransmission, seq, firstFrame);
export const unacknowledgedNote = (seq: number): NoteFact => fact(NoteCode.Unacknowledged, seq);
export const strayAckNote = (seq: number): NoteFact => fact(NoteCode.StrayAck, seq);
export const ackBeforeCaptureNote = (seq: number): NoteFact => fact(NoteCode.AckBeforeCapture, seq);
export const duplicateAckNote = (seq: number, firstAckFrame: number): NoteFact => fact(NoteCode.DuplicateAck, seq, firstAckFrame);
/** A request of RESPONSE_RULES[rule], sent as its request command number `request`. */
export const unansweredNote = (rule: number, request: number): NoteFact => fact(NoteCode.Unanswered, rule, request);
export const unfinishedNote = (rule: number, request: number): NoteFact => fact(NoteCode.Unfinished, rule, request);
export const keepAliveNote = (seconds: number, expected: number): NoteFact => fact(NoteCode.KeepAlive, seconds, expected);
/** Tracking stopped because more than `maxSessions` sessions were open at once. */
export const evictedNote = (session: number, maxSessions: number): NoteFact => fact(NoteCode.Evicted, session, maxSessions);
/** A client heard from again after its session went silent for longer than the idle limit. */
export const resumedNote = (session: number, previous: number, idleSeconds: number): NoteFact => fact(NoteCode.Resumed, session, previous, idleSeconds);

/**
 * A notification (CONTACT_LIST_RULE.notifications[notification]) for a UIN no contact list of the session
 * named; `doubtedFrame`: a list whose contacts the dissector warned about (0: none).
 */
export const unlistedNote = (notification: number, uin: number, doubtedFrame: number): NoteFact => fact(NoteCode.Unlisted, notification, uin, doubtedFrame);

/** Why a session stopped being tracked (the flows summary says it too): one text for each limit, which every evicted session's summary keeps. */
const reasons = new Map<number, string>();
export function evictionReason(maxSessions: number): string {
  let reason = reasons.get(maxSessions);
  if (reason === undefined) reasons.set(maxSessions, (reason = flatText(`more than ${maxSessions} sessions at once`)));
  return reason;
}

/** A gap note's message; `gapNumbers` reads the numbers back for the Info column's tag. */
const gapMessage = (from: number, to: number): string => `seq ${from === to ? from : `${from}-${to}`} not seen`;
export const gapNumbers = (message: string): string => /^seq (\S+) not seen$/.exec(message)?.[1] ?? '';

export function noteText({ code, a, b, c }: NoteFact): Note {
  switch (code) {
    case NoteCode.Gap:
      return note('gap', gapMessage(a, b), 'SEQ_NUM');
    case NoteCode.Skipped:
      return note('seq-spent', `seq ${a} used as ${REQUEST_NUMBERS[b]!.field} in frame ${c}`, 'SEQ_NUM');
    case NoteCode.Unlisted: {
      const { quote, list, notifications } = CONTACT_LIST_RULE;
      const notification = notifications[a]!;
      const doubt = c ? `; the ${list.command} in frame ${c} has a warning on its ${list.field}, so a UIN there may be misread` : '';
      return note('not-listed', `${notification.command} for UIN ${b}, which no ${list.command} of this session named (the document: "${quote}")${doubt}`, notification.field);
    }
    case NoteCode.Retransmission:
      return note('retransmission', `retransmission of seq ${a} (first sent in frame ${b})`, 'SEQ_NUM');
    case NoteCode.Unacknowledged:
      return note('unacknowledged', `seq ${a} never acknowledged`, 'SEQ_NUM');
    case NoteCode.StrayAck:
      return note('stray-ack', `ACK for seq ${a}, which was never seen (stray ACK)`, 'SEQ_NUM');
    case NoteCode.AckBeforeCapture:
      return note('ack-before-capture', `ACK for seq ${a}, sent before the capture started`, 'SEQ_NUM');
    case NoteCode.DuplicateAck:
      return note('duplicate-ack', `duplicate ACK for seq ${a} (first acknowledged in frame ${b})`, 'SEQ_NUM');
    case NoteCode.Unanswered: {
      const rule = RESPONSE_RULES[a]!;
      const responses = rule.responses.map((response) => responseName(rule, response));
      return note('unanswered', `${rule.request[b]} never answered (no ${responses.join(' or ')})`);
    }
    case NoteCode.Unfinished: {
      const rule = RESPONSE_RULES[a]!;
      return note('unfinished', `${rule.request[b]} never finished (no ${rule.final})`);
    }
    case NoteCode.KeepAlive:
      return note('keep-alive-interval', `KEEP_ALIVE ${a.toFixed(1)} s after the previous one (expected about ${b} s)`);
    case NoteCode.Evicted:
      return note('session-limit', `session ${a} no longer tracked after this packet (${evictionReason(b)}): later packets start a new session`);
    case NoteCode.Resumed:
      return note('session-resumed', `session ${a} starts here: session ${b} of this client was silent for more than ${c} s`);
  }
}
