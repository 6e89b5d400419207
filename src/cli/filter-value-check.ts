import type { Literal, ValueCheck } from '../analysis/filter-parse.js';
import { fieldRef, NOTE_ID_NAMES, RANKED_VALUES } from '../analysis/filter-values.js';
import { NOTE_KINDS } from '../net/note-kinds.js';
import { CLIENT_HEADER } from '../protocol/headers.js';
import { PEER_HEADER } from '../protocol/peer-commands.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { DIRECTIONS, DIRECTION_LABELS, directionNamed } from '../protocol/directions.js';
import type { FieldSpec } from '../protocol/types.js';

/**
 * The values a field can hold, so a filter that can never match is refused as Wireshark refuses it
 * (`command == login`, `STATUS == away`, `uin == "abc"`, `X1 == "72000400"`, `direction == "c>s"`)
 * instead of passing silently: a name that is a number everywhere takes no text, `command` takes a
 * command name or alias, `direction` and `transport` their words (`direction` also the tables' labels,
 * `C→S`: the literal is read as the direction's word, the one a PDU holds), `note` a note id and
 * `expert.severity` a severity.
 */

const TRANSPORTS = ['udp', 'tcp'];
/** The JSON keys that are numbers. */
const NUMBER_KEYS = new Set(['frame', 'frames', 'seq', 'uin', 'length', 'version', 'stream', 'session', 'command.code', 'client.confidence']);
const INTEGER_TYPES = new Set(['u8', 'u16', 'u32', 'i32', 'repeat']);

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
    if (name === 'direction') {
      const direction = directionNamed(text);
      if (direction === undefined) return `direction is ${DIRECTIONS.map((d) => `${d} (${DIRECTION_LABELS[d]})`).join(', ')}, not '${text}'`;
      literal.value = direction;
      return undefined;
    }
    if (name === 'transport' && !TRANSPORTS.includes(text)) return `transport is udp or tcp, not '${text}'`;
    if (NOTE_ID_NAMES.includes(name) && !(text in NOTE_KINDS)) {
      const close = Object.keys(NOTE_KINDS).filter((id) => id.includes(text) || text.includes(id));
      return `unknown note id '${text}'${close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : ''}`;
    }
    if (RANKED_VALUES[name] && !RANKED_VALUES[name].includes(text)) return `${name} is ${RANKED_VALUES[name].join(', ')}, not '${text}'`;
    if (NUMBER_KEYS.has(name) || name.startsWith('analysis.')) return numberProblem(name, text);
    const ref = fieldRef(name);
    if (!ref.hex && vocabulary(registry).numeric.get(ref.field.replace(/\[\d+\]$/, '')) === true) return numberProblem(name, text);
    return undefined;
  };
}
