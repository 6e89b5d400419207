import { NAMED_BITS, NAMED_TEXTS, NAMED_VALUES } from '../protocol/meanings.js';
import type { CommandRegistry } from '../protocol/registry.js';
import type { FieldSpec, Meaning } from '../protocol/types.js';
import { headerOf } from '../protocol/variant-tables.js';

/**
 * `-G values`, as tshark's: one tab-separated line per named value, written from the tables.
 * `V NAME VALUE STRING` as tshark's value strings (integers in decimal, a text field's value its text);
 * `B NAME MASK STRING` a bit with a name of its own, as `FIELD & MASK` tests it (STATUS's licq bits).
 * First the `command` key: every code with each name and alias `command ==` accepts; then every field
 * whose meaning names values, under each name that carries the meaning.
 */

/** Field name -> the meanings it carries, in table order (the command's own meaning is the `command` key's). */
function meaningsOf(registry: CommandRegistry): Map<string, Set<Meaning>> {
  const found = new Map<string, Set<Meaning>>();
  const note = (name: string, meaning: Meaning | undefined) => {
    if (meaning === undefined || meaning === 'command') return;
    found.set(name, (found.get(name) ?? new Set()).add(meaning));
  };
  const visit = (specs: readonly FieldSpec[]): void => {
    for (const spec of specs) {
      note(spec.name, spec.meaning);
      for (const [part, meaning] of Object.entries(spec.parts?.meanings ?? {})) note(part, meaning);
      if (spec.type.kind === 'repeat' || spec.type.kind === 'group') visit(spec.type.fields);
    }
  };
  for (const table of registry.all) for (const layout of table.layouts) visit([...headerOf(table.direction, table), ...layout.fields]);
  return found;
}

function* meaningLines(name: string, meaning: Meaning): Generator<string> {
  for (const [value, text] of NAMED_VALUES[meaning] ?? []) yield `V\t${name}\t${value}\t${text}`;
  for (const [bit, text] of NAMED_BITS[meaning] ?? []) yield `B\t${name}\t0x${bit.toString(16).padStart(8, '0')}\t${text}`;
  if (meaning === 'text-code' || meaning === 'authorize-digit') for (const [value, text] of NAMED_TEXTS[meaning]) yield `V\t${name}\t${value}\t${text}`;
}

export function* valueGlossary(registry: CommandRegistry): Generator<string> {
  const seen = new Set<string>();
  const once = function* (lines: Iterable<string>): Generator<string> {
    for (const line of lines) {
      if (seen.has(line)) continue;
      seen.add(line);
      yield line;
    }
  };
  const commands = [...registry.all].sort((a, b) => a.code - b.code);
  yield* once(commands.flatMap((t) => [t.name, ...(t.aliases ?? []).map((a) => a.name)].map((name) => `V\tcommand\t${t.code}\t${name}`)));
  for (const [name, meanings] of meaningsOf(registry)) for (const meaning of meanings) yield* once(meaningLines(name, meaning));
}
