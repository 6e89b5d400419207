import type { NoteId } from '../net/note-kinds.js';
import type { CommandCheck, FieldCheck } from './types.js';

/** The kind of note each kind of declared rule writes when it is broken (its severity comes with the kind). */
export const CHECK_NOTES: Readonly<Record<FieldCheck['kind'] | CommandCheck['kind'], NoteId>> = {
  'range': 'out-of-range',
  'high-half-zero': 'port-high-half',
  'max-length': 'too-long',
  'not-own-port-swapped': 'port-byte-order',
  'implies': 'implied-value',
  'differ': 'fields-differ',
  'not-all-empty': 'all-empty',
  'exclusive': 'exclusive-fields',
};
