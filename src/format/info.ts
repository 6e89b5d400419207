import type { Field, Pdu } from '../dissect/pdu.js';
import { findFields } from '../analysis/filter-values.js';
import { escapeText } from './escape.js';
import { expertTags } from './expert-tags.js';

/**
 * The Info column: the command table's `summary` template with each {FIELD_NAME} replaced by the
 * field's reading (a repeated field's readings joined by ", ", a missing field by nothing). A part in
 * brackets, `[: {MESSAGE}]`, is shown only when every field it names reads as something, so an empty
 * message leaves no dangling ": ". Followed by the PDU's expert tags in brackets as Wireshark's
 * "[Malformed Packet]" (src/format/expert-tags.ts).
 */
export function renderSummary(template: string, pdu: Pdu): string {
  return templateParts(template)
    .map((part) => (typeof part === 'string' ? part : renderPart(part, pdu)))
    .join('');
}

/** An X-field reads as its number: the tree gives its hex, and "5 (0x0005)" inside a sentence reads twice. */
const reading = (field: Field): string => (field.unknown && typeof field.value === 'number' ? String(field.value) : field.display);

function renderPart(part: TemplatePart, pdu: Pdu): string {
  let text = '';
  for (let i = 0; i < part.pieces.length; i++) {
    const piece = part.pieces[i]!;
    if (i % 2 === 0) {
      text += piece;
      continue;
    }
    const shown = findFields(pdu.fields, piece).map((field) => escapeText(reading(field))).join(', ');
    if (part.optional && shown === '') return '';
    text += shown;
  }
  return text;
}

/** A run of the template: text, field name, text, ... (odd places name fields); optional when in brackets. */
interface TemplatePart {
  pieces: readonly string[];
  optional: boolean;
}

/** A template split once into its runs (the tables hold a few dozen templates). */
const parsedTemplates = new Map<string, readonly (string | TemplatePart)[]>();

function templateParts(template: string): readonly (string | TemplatePart)[] {
  let parts = parsedTemplates.get(template);
  if (parts === undefined) {
    parts = template
      .split(/(\[[^\]]*\])/)
      .filter((run) => run !== '')
      .map((run) => {
        const optional = run.startsWith('[') && run.endsWith(']');
        const pieces = (optional ? run.slice(1, -1) : run).split(/\{([A-Za-z0-9_]+)\}/);
        return pieces.length === 1 && !optional ? pieces[0]! : { pieces, optional };
      });
    parsedTemplates.set(template, parts);
  }
  return parts;
}

export function infoText(pdu: Pdu, template: string | undefined): string {
  const tags = expertTags(pdu).map((tag) => `[${tag}]`);
  return [template === undefined ? '' : renderSummary(template, pdu), ...tags].filter((part) => part !== '').join(' ');
}
