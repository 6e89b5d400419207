import { ALL_KINDS, type FilterField, type FilterSchema } from '../analysis/filter-schema.js';
import { isKeyName } from '../analysis/filter-values.js';
import type { Pdu } from '../dissect/pdu.js';
import { infoText } from '../format/info.js';
import { NAMED_BITS } from '../protocol/meanings.js';
import type { CommandRegistry } from '../protocol/registry.js';
import type { Meaning } from '../protocol/types.js';
import { declaredFields, wiresharkFieldName, wiresharkSpecs, WIRESHARK_KEY_FIELDS } from '../protocol/wireshark-names.js';
import { fieldInfo } from './field-names.js';
import { KEY_NAMES } from './filter-keys.js';
import { valueProblem } from './filter-value-check.js';

/**
 * The names -Y knows with the registry a capture is read with: every name -e knows, typed by the tables,
 * the Info column (written by the format stage, so read here), and the Lua export's names as aliases
 * (`icq2.seq_num` for SEQ_NUM, `icq2.direction` for direction), taken from where the export takes them.
 */

/** The Info column's template for a PDU: its command table's summary. */
export const summaryOf =
  (registry: CommandRegistry) =>
  (pdu: Pdu): string | undefined =>
    pdu.command === null ? undefined : registry.findTable(pdu.direction, pdu.command.code)?.summary;

/** Each icq2.<name> the export declares, by the name it stands for here. */
export function wiresharkAliases(registry: CommandRegistry): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const { name } of declaredFields(wiresharkSpecs(registry.all))) aliases.set(wiresharkFieldName(name), name);
  for (const { key } of WIRESHARK_KEY_FIELDS) aliases.set(wiresharkFieldName(key), key);
  return aliases;
}

/** The bits the field's meanings name, for `&`, when they name any. */
function bitsOf(meanings: Iterable<Meaning>): Map<string, number> | undefined {
  const bits = [...meanings].flatMap((meaning) => NAMED_BITS[meaning] ?? []);
  return bits.length === 0 ? undefined : new Map(bits.map(([bit, name]) => [name, bit]));
}

const schemas = new WeakMap<CommandRegistry, FilterSchema>();

export function filterSchemaOf(registry: CommandRegistry): FilterSchema {
  const made = schemas.get(registry);
  if (made) return made;
  const aliases = wiresharkAliases(registry);
  const summaryFor = summaryOf(registry);
  const info: FilterField = { name: 'info', kinds: new Set(KEY_NAMES['info']!.kinds), read: (pdu) => [infoText(pdu, summaryFor(pdu))] };
  const schema: FilterSchema = (written) => {
    if (written === info.name) return info;
    const name = aliases.get(written) ?? written;
    let field: FilterField;
    if (isKeyName(name)) {
      const key = KEY_NAMES[name];
      field = { name, kinds: key ? new Set(key.kinds) : ALL_KINDS };
    } else {
      const known = fieldInfo(registry, name);
      if (known === undefined) return undefined;
      const bits = bitsOf(known.meanings);
      field = { name, kinds: known.kinds, ...(bits ? { bits } : {}) };
    }
    field.check = (literal) => valueProblem(registry, written, field, literal);
    return field;
  };
  schemas.set(registry, schema);
  return schema;
}
