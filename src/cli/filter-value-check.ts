import type { Literal, ValueCheck } from '../analysis/filter-parse.js';
import { fieldRef } from '../analysis/filter-values.js';
import { CLIENT_HEADER } from '../protocol/headers.js';
import { PEER_HEADER } from '../protocol/peer-commands.js';
import type { CommandRegistry } from '../protocol/registry.js';
import type { Direction, FieldSpec } from '../protocol/types.js';

/**
 * The values a field can hold, so a filter that can never match is refused as Wireshark refuses it
 * (`command == login`, `STATUS == away`, `uin == "abc"`, `X1 == "72000400"`, `direction == "C→S"`)
 * instead of passing silently: a name that is a number everywhere takes no text, `command` takes a
 * command name or alias, `direction` and `transport` their words.
 */

const DIRECTIONS: readonly Direction[] = ['client-to-server', 'server-to-client', 'peer-to-peer'];
const TRANSPORTS = ['udp', 'tcp'];
/** The JSON keys that are numbers. */
const NUMBER_KEYS = new Set(['frame', 'frames', 'time.epoch', 'time.relative', 'time.delta', 'seq', 'uin', 'length', 'version', 'stream', 'command.code', 'client.confidence']);
const INTEGER_TYPES = new Set(['u8', 'u16', 'u32', 'i32']);

interface Vocabulary {
  commands: Set<string>;
  /** Field name -> whether every field of that name is a number. */
  numeric: Map<string, boolean>;
}

const vocabularies = new WeakMap<CommandRegistry, Vocabulary>();

function vocabulary(registry: CommandRegistry): Vocabulary {
  let known = vocabularies.get(registry);
  if (known) return known;
  const numeric = new Map<string, boolean>();
  const note = (name: string, isNumber: boolean) => numeric.set(name, (numeric.get(name) ?? true) && isNumber);
  const visit = (specs: readonly FieldSpec[]): void => {
    for (const spec of specs) {
      note(spec.name, INTEGER_TYPES.has(spec.type.kind));
      if (spec.type.kind === 'lstring') note('LENGTH', true);
      if (spec.type.kind === 'repeat' || spec.type.kind === 'group') visit(spec.type.fields);
      for (const parts of Object.values(spec.parts?.cases ?? {})) for (const part of parts) note(part, false);
    }
  };
  visit(CLIENT_HEADER);
  visit(PEER_HEADER);
  for (const table of registry.all) for (const layout of table.layouts) visit(layout.fields);
  const commands = new Set(registry.all.flatMap((t) => [t.name, ...(t.aliases ?? []).map((a) => a.name)]));
  vocabularies.set(registry, (known = { commands, numeric }));
  return known;
}

/** Text against a number field (Wireshark refuses it too): with the way to write what was meant. */
function numberProblem(name: string, text: string): string {
  const number = text.trim() !== '' && !Number.isNaN(Number(text)) ? `; write the number without quotes: ${text.trim()}` : '';
  const bytes = /^([0-9a-f]{2})+$/i.test(text) ? `; for its bytes write ${text.match(/../g)!.join(':')}` : '';
  return `${name} is a number, the text '${text}' is not one${number}${bytes}`;
}

export function valueCheckOf(registry: CommandRegistry): ValueCheck {
  return (name: string, literal: Literal): string | undefined => {
    if (literal.kind !== 'string') return undefined;
    const text = literal.value;
    if (name === 'command') {
      const { commands } = vocabulary(registry);
      if (commands.has(text) || /^0x[0-9a-f]{4}$/i.test(text)) return undefined;
      const close = [...commands].find((c) => c.toLowerCase() === text.toLowerCase());
      return `unknown command '${text}'${close ? ` (did you mean ${close}?)` : ''}`;
    }
    if (name === 'direction' && !(DIRECTIONS as readonly string[]).includes(text)) return `direction is ${DIRECTIONS.join(', ')}, not '${text}'`;
    if (name === 'transport' && !TRANSPORTS.includes(text)) return `transport is udp or tcp, not '${text}'`;
    if (NUMBER_KEYS.has(name) || name.startsWith('analysis.')) return numberProblem(name, text);
    const ref = fieldRef(name);
    if (!ref.hex && vocabulary(registry).numeric.get(ref.field.replace(/\[\d+\]$/, '')) === true) return numberProblem(name, text);
    return undefined;
  };
}
