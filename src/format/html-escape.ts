import { escapeText } from './escape.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Any text on a page (HTML or SVG, in an element or a quoted attribute): wire text may hold markup or
 * control characters, so the latter are shown as escapes (as on the terminal) and the former as entities.
 */
export function html(text: string | number): string {
  return escapeText(String(text)).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}
