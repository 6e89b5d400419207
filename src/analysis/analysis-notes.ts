import type { Note } from '../dissect/pdu.js';

/** Every note the analysis writes, so their exact text lives in one place. */

export const gapNote = (from: number, to: number): Note => ({
  severity: 'note',
  message: from === to ? `seq ${from} not seen` : `seq ${from}-${to} not seen`,
  field: 'SEQ_NUM',
});

export const retransmissionNote = (seq: number, firstFrame: number): Note => ({
  severity: 'warning',
  message: `retransmission of seq ${seq} (first sent in frame ${firstFrame})`,
  field: 'SEQ_NUM',
});

export const unacknowledgedNote = (seq: number): Note => ({
  severity: 'warning',
  message: `seq ${seq} never acknowledged`,
  field: 'SEQ_NUM',
});

export const strayAckNote = (seq: number): Note => ({
  severity: 'warning',
  message: `ACK for seq ${seq}, which was never seen (stray ACK)`,
  field: 'SEQ_NUM',
});

export const ackBeforeCaptureNote = (seq: number): Note => ({
  severity: 'note',
  message: `ACK for seq ${seq}, sent before the capture started`,
  field: 'SEQ_NUM',
});

export const duplicateAckNote = (seq: number, firstAckFrame: number): Note => ({
  severity: 'note',
  message: `duplicate ACK for seq ${seq} (first acknowledged in frame ${firstAckFrame})`,
  field: 'SEQ_NUM',
});

export const unansweredNote = (request: string, responses: readonly string[]): Note => ({
  severity: 'warning',
  message: `${request} never answered (no ${responses.join(' or ')})`,
});

export const unfinishedNote = (request: string, final: string): Note => ({
  severity: 'warning',
  message: `${request} never finished (no ${final})`,
});

export const keepAliveNote = (seconds: number, expected: number): Note => ({
  severity: 'warning',
  message: `KEEP_ALIVE ${seconds.toFixed(1)} s after the previous one (expected about ${expected} s)`,
});

export const evictedNote = (session: number, reason: string): Note => ({
  severity: 'note',
  message: `session ${session} no longer tracked after this packet (${reason}): later packets start a new session`,
});

/** A client heard from again after its session went silent for longer than the idle limit. */
export const resumedNote = (session: number, previous: number, idleSeconds: number): Note => ({
  severity: 'note',
  message: `session ${session} starts here: session ${previous} of this client was silent for more than ${idleSeconds} s`,
});
