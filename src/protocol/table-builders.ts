import { UNDESCRIBED } from './field-builders.js';
import type { CommandTable, Direction, FieldSpec, LayoutVariant } from './types.js';

/** Constructors shared by the command tables of every direction. */

/** The document's own layout: the only one for most commands. */
export const documented = (fields: readonly FieldSpec[]): LayoutVariant[] => [{ name: 'document', source: 'protocol document v0.91', fields }];

/** Builders of the commands the document names without describing, and of the codes only licq knows. */
export function unknownBodies(direction: Direction) {
  const undescribed = (name: string, code: number, description: string, aliases?: string[]): CommandTable => ({
    name,
    code,
    direction,
    description,
    undescribed: true,
    ...(aliases ? { aliases } : {}),
    layouts: documented([UNDESCRIBED]),
  });
  /** Codes the document lacks: named as licq 0.71 names them. */
  const seenInLicq = (name: string, code: number, description: string): CommandTable =>
    undescribed(name, code, `${description} (licq 0.71; not in the document)`);
  return { undescribed, seenInLicq };
}
