import type { Field } from '../dissect/pdu.js';
import { escapeText } from './escape.js';
import type { Style } from './style.js';

/** How the -V tree and the -x legend read a field: its display, the raw value where it adds something, the unknown mark. */

export function fieldReading(field: Field): string {
  const display = escapeText(field.display);
  if (typeof field.value === 'string') {
    const value = escapeText(field.value);
    return display === value ? `"${value}"` : `${display} ("${value}")`;
  }
  // The raw number is added unless the reading already starts with it ("262258 (0x00040072)").
  if (typeof field.value !== 'number') return display;
  const value = String(field.value);
  if (display === value || display.startsWith(`${value} `)) return display;
  return `${display} (${value})`;
}

/** ` [unknown]` for X-fields and undescribed bytes. */
export function unknownMark(style: Style, field: Field): string {
  return field.unknown ? ` ${style.yellow('[unknown]')}` : '';
}

/** A byte offset as the hex dump writes it: four hex digits. */
export function hexOffset(offset: number): string {
  return offset.toString(16).padStart(4, '0');
}
