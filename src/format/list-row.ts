import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { commandLabel } from '../analysis/filter-values.js';
import { SEVERITIES, type Severity } from '../net/note-kinds.js';
import { DIRECTION_LABELS } from '../protocol/directions.js';
import { isNotIcq } from './expert-tags.js';
import { infoText } from './info.js';
import type { TimeColumn } from './time-column.js';

/** The packet list's columns, in order (the table and -T tabs); Info is last. */
export const LIST_HEADINGS = ['No.', 'Time', 'Source', 'Destination', 'Dir', 'Command', 'Seq', 'UIN', 'Info'] as const;

export interface ListRow {
  /** One cell per heading; wire text (Info) already escaped. */
  cells: string[];
  /** The PDU's worst note, which colours its row (undefined: no note). */
  worst: Severity | undefined;
}

function worstSeverity(pdu: Pdu): Severity | undefined {
  let worst: Severity | undefined;
  for (const note of pdu.notes) if (worst === undefined || SEVERITIES.indexOf(note.severity) > SEVERITIES.indexOf(worst)) worst = note.severity;
  return worst;
}

/** The cells of one PDU's row; `clock` has seen the PDU. */
export function listRow(dissected: DissectedPdu, clock: TimeColumn, summaryFor: (pdu: Pdu) => string | undefined): ListRow {
  const { pdu } = dissected;
  return {
    cells: [
      String(pdu.frame),
      clock.text(dissected),
      pdu.src,
      pdu.dst,
      DIRECTION_LABELS[pdu.direction],
      pdu.command !== null ? commandLabel(pdu) : isNotIcq(pdu) ? '' : '?',
      typeof pdu.seq === 'number' ? String(pdu.seq) : '',
      typeof pdu.uin === 'number' ? String(pdu.uin) : '',
      infoText(pdu, summaryFor(pdu)),
    ],
    worst: worstSeverity(pdu),
  };
}
