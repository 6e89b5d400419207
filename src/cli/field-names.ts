import { ANALYSIS_NAMES, CLIENT_NAMES, TOP_LEVEL_NAMES } from '../analysis/filter-values.js';
import { CLIENT_HEADER } from '../protocol/headers.js';
import { ALL_COMMANDS } from '../protocol/registry.js';
import type { FieldSpec } from '../protocol/types.js';

/**
 * Every name -Y and -e accept, so a typo is an error instead of a filter that silently matches
 * nothing: the JSON's top-level keys, the analysis keys, the client fingerprint's, every field of every table, and the names the dissector gives
 * to what tables do not name (string LENGTH, message part SEPARATOR and NUL, leftover bytes).
 */
const DISSECTOR_NAMES = ['LENGTH', 'SEPARATOR', 'NUL', 'UNKNOWN', 'PAYLOAD', 'TRAILING', 'UNDESCRIBED'];

function addSpecs(specs: readonly FieldSpec[], names: Set<string>): void {
  for (const spec of specs) {
    names.add(spec.name);
    if (spec.type.kind === 'repeat' || spec.type.kind === 'group') addSpecs(spec.type.fields, names);
    for (const parts of Object.values(spec.parts?.cases ?? {})) for (const part of parts) names.add(part);
  }
}

let known: Set<string> | undefined;

function knownNames(): Set<string> {
  if (known) return known;
  known = new Set<string>([...TOP_LEVEL_NAMES, ...ANALYSIS_NAMES, ...CLIENT_NAMES, ...DISSECTOR_NAMES]);
  addSpecs(CLIENT_HEADER, known);
  for (const table of ALL_COMMANDS) for (const layout of table.layouts) addSpecs(layout.fields, known);
  return known;
}

/** True for a name a PDU can carry; an item of a repeated group ("CONTACTS[2]") counts by its group's name. */
export function isKnownFieldName(name: string): boolean {
  return knownNames().has(name.replace(/\[\d+\]$/, ''));
}
