import type { Literal } from '../analysis/filter-literal.js';
import type { FilterField } from '../analysis/filter-schema.js';
import { NOTE_ID_NAMES, RANKED_VALUES } from '../analysis/filter-values.js';
import { NOTE_KINDS } from '../net/note-kinds.js';
import { DIRECTIONS, DIRECTION_LABELS, directionNamed } from '../protocol/directions.js';
import type { CommandRegistry } from '../protocol/registry.js';

/**
 * The values a field can hold, so a filter that can never match is refused as Wireshark refuses it
 * (`command == login`, `STATUS == away`, `uin == "abc"`, `X1 == "72000400"`, `note == gapp`) instead of
 * passing silently: a name that is a number everywhere takes no text, `command` takes a command name or
 * alias, `direction` its words or the table's labels (`C→S`), `transport` its words, a note name a note id,
 * `expert.severity` a severity.
 */

const TRANSPORTS = ['udp', 'tcp'];

const commandsOf = new WeakMap<CommandRegistry, Set<string>>();

function commandNames(registry: CommandRegistry): Set<string> {
  let commands = commandsOf.get(registry);
  if (!commands) commandsOf.set(registry, (commands = new Set(registry.all.flatMap((t) => [t.name, ...(t.aliases ?? []).map((a) => a.name)]))));
  return commands;
}

/** Text against a number field (Wireshark refuses it too): with the way to write what was meant. */
function numberProblem(field: FilterField, written: string, text: string): string {
  const number = text.trim() !== '' && !Number.isNaN(Number(text)) ? `; write the number without quotes: ${text.trim()}` : '';
  const bytes = /^([0-9a-f]{2})+$/i.test(text) ? `; for its bytes write ${text.match(/../g)!.join(':')}` : '';
  const bit = [...(field.bits?.keys() ?? [])].find((name) => name.toLowerCase() === text.toLowerCase());
  const bitHint = bit === undefined ? '' : `; for its bit write ${written} & ${bit}`;
  return `${written} is a number, the text '${text}' is not one${number}${bytes}${bitHint}`;
}

/**
 * Why `field` (as written) can never equal or order with `literal`; undefined when it can. A direction's
 * label (`C→S`) is rewritten in the literal to the word the PDUs carry.
 */
export function valueProblem(registry: CommandRegistry, written: string, field: FilterField, literal: Literal): string | undefined {
  if (literal.kind !== 'string') return undefined;
  const text = literal.value;
  const { name } = field;
  if (name === 'command') {
    const commands = commandNames(registry);
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
  const ranks = RANKED_VALUES[name];
  if (ranks && !ranks.includes(text)) return `${name} is ${ranks.join(', ')}, not '${text}'`;
  if (field.kinds.size === 1 && field.kinds.has('number')) return numberProblem(field, written, text);
  return undefined;
}
