import { ANALYSIS_NAMES, CLIENT_NAMES, TOP_LEVEL_NAMES } from '../analysis/filter-values.js';
import { CLIENT_HEADER } from '../protocol/headers.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../protocol/registry.js';
import type { FieldSpec } from '../protocol/types.js';

/**
 * Every name -Y and -e accept, so a typo is an error instead of a filter that silently matches
 * nothing: the JSON's top-level keys, the analysis keys, the client fingerprint's, every field of every
 * table of the registry read with (loaded layouts too), and the names the dissector gives
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

/** The names, made once per registry. */
const knownByRegistry = new WeakMap<CommandRegistry, Set<string>>();

function knownNames(registry: CommandRegistry): Set<string> {
  let known = knownByRegistry.get(registry);
  if (known) return known;
  known = new Set<string>([...TOP_LEVEL_NAMES, ...ANALYSIS_NAMES, ...CLIENT_NAMES, ...DISSECTOR_NAMES]);
  addSpecs(CLIENT_HEADER, known);
  for (const table of registry.all) for (const layout of table.layouts) addSpecs(layout.fields, known);
  knownByRegistry.set(registry, known);
  return known;
}

/**
 * The test for a name a PDU read with `registry` can carry; an item of a repeated group ("CONTACTS[2]")
 * counts by its group's name. As the filter parser and the -e check take it.
 */
export const fieldNamesOf =
  (registry: CommandRegistry) =>
  (name: string): boolean =>
    knownNames(registry).has(name.replace(/\[\d+\]$/, ''));

/** The test for the built-in tables. */
export const isKnownFieldName = fieldNamesOf(BUILTIN_REGISTRY);
