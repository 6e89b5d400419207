import { UNDESCRIBED, UNDESCRIBED_LICQ } from './field-builders.js';
import type { CommandTable, Direction, FieldSpec, LayoutVariant, Source } from './types.js';

/** Constructors shared by the command tables of every direction. */

/** The document's own layout: the only one for most commands. */
export const documented = (fields: readonly FieldSpec[]): LayoutVariant[] => [{ name: 'document', source: 'protocol document v0.91', from: ['document'], fields }];

type Alias = { name: string; source: Source };

/**
 * The Info of a command whose body nobody describes: what licq calls it (the document's words are often
 * "*Unknown"), else what the command is for, then the body's size when it has one.
 */
function undescribedSummary(description: string, aliases: readonly Alias[] = []): string {
  const licq = aliases.find((alias) => alias.source === 'licq 0.71');
  return `${licq ? `licq: ${licq.name}` : description}[, {${UNDESCRIBED.name}}]`;
}

/** Builders of the commands the document names without describing, and of the codes only licq knows. */
export function unknownBodies(direction: Direction) {
  const undescribed = (name: string, code: number, description: string, aliases?: Alias[]): CommandTable => ({
    name,
    code,
    direction,
    source: 'document',
    description,
    undescribed: true,
    ...(aliases ? { aliases } : {}),
    summary: undescribedSummary(description, aliases),
    layouts: documented([UNDESCRIBED]),
  });
  /** Codes the document lacks: named as licq 0.71 names them, their bodies as undescribed as the document's. */
  const seenInLicq = (name: string, code: number, description: string): CommandTable => ({
    name,
    code,
    direction,
    source: 'licq 0.71',
    description,
    undescribed: true,
    summary: undescribedSummary(description),
    layouts: [{ name: 'licq', source: 'licq 0.71 sends this code; nobody describes its body', from: ['licq 0.71'], fields: [UNDESCRIBED_LICQ] }],
  });
  return { undescribed, seenInLicq };
}

/** An alias and who uses it. */
export const licqName = (name: string): Alias => ({ name, source: 'licq 0.71' });
export const documentName = (name: string): Alias => ({ name, source: 'document' });
