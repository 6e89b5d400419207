import type { Pdu } from '../dissect/pdu.js';
import { findFields } from '../analysis/filter-values.js';
import { escapeText } from './escape.js';

/**
 * The Info column: the command table's `summary` template with each {FIELD_NAME} replaced by the
 * field's display (a repeated field's displays joined by ", ", a missing field by nothing), followed
 * by the PDU's error notes in brackets as Wireshark's "[Malformed Packet]".
 */
export function renderSummary(template: string, pdu: Pdu): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) =>
    findFields(pdu.fields, name)
      .map((field) => escapeText(field.display))
      .join(', '),
  );
}

export function infoText(pdu: Pdu, template: string | undefined): string {
  const errors = pdu.notes.filter((note) => note.severity === 'error').map((note) => `[${escapeText(note.message)}]`);
  return [template === undefined ? '' : renderSummary(template, pdu), ...errors].filter((part) => part !== '').join(' ');
}
