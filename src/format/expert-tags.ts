import { gapNumbers } from '../analysis/analysis-notes.js';
import type { Note, NoteId, Pdu } from '../dissect/pdu.js';

/**
 * The expert marks of the packet list, as Wireshark's Info column shows them ("[TCP Retransmission]"):
 * one short tag per kind of note that a person scanning the list must see, made from the note and its
 * PDU. Kinds without a tag show in -V and the JSON only.
 */
type Tag = (note: Note, pdu: Pdu) => string;

export const EXPERT_TAGS: Partial<Record<NoteId, Tag>> = {
  'retransmission': (_, pdu) => (pdu.analysis?.retransmissionOf === undefined ? 'retransmission' : `retransmission of ${pdu.analysis.retransmissionOf}`),
  'duplicate-ack': () => 'dup ACK',
  'stray-ack': () => 'stray ACK',
  'unacknowledged': () => 'no ACK',
  'unanswered': () => 'no answer',
  'gap': (note) => `gap ${gapNumbers(note.message)}`,
  'malformed': () => 'malformed',
  'unknown-command': (_, pdu) => (pdu.command === null ? 'unknown command' : `unknown command 0x${pdu.command.code.toString(16).padStart(4, '0')}`),
  'not-v2': (_, pdu) => `v${pdu.version}: not decoded`,
  'not-icq': () => 'not ICQ',
  'snap-cut': () => 'snap-cut',
};

/** The PDU's tags in the order of its notes, each once (two malformed notes make one `malformed`). */
export function expertTags(pdu: Pdu): string[] {
  const tags = new Set<string>();
  for (const note of pdu.notes) {
    const tag = EXPERT_TAGS[note.id];
    if (tag) tags.add(tag(note, pdu));
  }
  return [...tags];
}

/** A payload of another protocol on an ICQ port: no command to show, and no ICQ version in the tree. */
export const isNotIcq = (pdu: Pdu): boolean => pdu.notes.some((note) => note.id === 'not-icq');
