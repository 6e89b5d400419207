import { CLIENT_HEADER } from './headers.js';
import { PEER_HEADER } from './peer-commands.js';
import { ALL_COMMANDS } from './registry.js';
import type { FieldSpec } from './types.js';

/** Every spec of these fields, the parts of repeats and groups too. */
function* eachSpec(specs: readonly FieldSpec[]): Generator<FieldSpec> {
  for (const spec of specs) {
    yield spec;
    if (spec.type.kind === 'repeat' || spec.type.kind === 'group') yield* eachSpec(spec.type.fields);
  }
}

function documentNames(): Map<string, string> {
  const specs = [CLIENT_HEADER, PEER_HEADER, ...ALL_COMMANDS.flatMap((table) => table.layouts.map((layout) => layout.fields))].flatMap((fields) => [...eachSpec(fields)]);
  const ours = new Set(specs.map((spec) => spec.name));
  const names = new Map<string, string>();
  for (const spec of specs) if (spec.documentName !== undefined && !ours.has(spec.documentName)) names.set(spec.documentName, spec.name);
  return names;
}

/**
 * The document's names that ours replaced (FieldSpec.documentName), each to our name, where the document's
 * name is no field of ours: `TYPE` reads as MESSAGE_TYPE in -Y and -e, while `UIN` stays the sender's.
 */
export const DOCUMENT_NAMES: ReadonlyMap<string, string> = documentNames();

/** A spec's description with the document's name, where ours differs: "UIN of user on contact list (the document: UIN)". */
export const describedWithDocumentName = (spec: FieldSpec): string =>
  spec.documentName === undefined ? spec.description : `${spec.description} (the document: ${spec.documentName})`;
