import type { Pdu } from '../dissect/pdu.js';
import { findFields } from '../analysis/filter-values.js';
import { escapeText } from './escape.js';
import { expertTags } from './expert-tags.js';

/**
 * The Info column: the command table's `summary` template with each {FIELD_NAME} replaced by the
 * field's display (a repeated field's displays joined by ", ", a missing field by nothing), followed
 * by the PDU's expert tags in brackets as Wireshark's "[Malformed Packet]" (src/format/expert-tags.ts).
 */
export function renderSummary(template: string, pdu: Pdu): string {
  const parts = templateParts(template);
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    text += findFields(pdu.fields, parts[i]!)
      .map((field) => escapeText(field.display))
      .join(', ');
    text += parts[i + 1]!;
  }
  return text;
}

/** A template split once into text, field name, text, ... (the tables hold a few dozen templates). */
const parsedTemplates = new Map<string, readonly string[]>();

function templateParts(template: string): readonly string[] {
  let parts = parsedTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{([A-Za-z0-9_]+)\}/);
    parsedTemplates.set(template, parts);
  }
  return parts;
}

export function infoText(pdu: Pdu, template: string | undefined): string {
  const tags = expertTags(pdu).map((tag) => `[${tag}]`);
  return [template === undefined ? '' : renderSummary(template, pdu), ...tags].filter((part) => part !== '').join(' ');
}
