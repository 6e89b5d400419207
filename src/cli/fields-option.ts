import { defaultFieldsSettings, type FieldsSettings, type Occurrence } from '../format/fields-printer.js';
import { UsageError } from './usage-error.js';

/** -E KEY=VALUE, one setting per -E as tshark takes them, over the defaults of -T fields or -T csv. */

type Reader<T> = (value: string) => { value: T } | undefined;

/** A reader of the words a table names. */
const oneOf =
  <T>(table: Readonly<Record<string, T>>): Reader<T> =>
  (value) =>
    Object.hasOwn(table, value) ? { value: table[value]! } : undefined;

/** A single character, or /t and /s for tab and space. */
const character: Reader<string> = (value) => oneOf({ '/t': '\t', '/s': ' ' })(value) ?? ([...value].length === 1 ? { value } : undefined);

const yesNo = oneOf({ y: true, n: false });

const READERS: { [K in keyof FieldsSettings]: Reader<FieldsSettings[K]> } = {
  header: yesNo,
  separator: character,
  occurrence: oneOf<Occurrence>({ f: 'first', l: 'last', a: 'all' }),
  aggregator: character,
  quote: oneOf<FieldsSettings['quote']>({ d: '"', s: "'", n: undefined }),
  bom: yesNo,
};

const KNOWN = 'header=y|n, separator=/t|/s|CHAR, occurrence=f|l|a, aggregator=,|/s|CHAR, quote=d|s|n, bom=y|n';

export function fieldsSettingsFrom(given: readonly string[], csv: boolean): FieldsSettings {
  const settings: Record<string, unknown> = { ...defaultFieldsSettings(csv) };
  for (const setting of given) {
    const [key = '', value = ''] = setting.split(/=(.*)/s);
    const read = Object.hasOwn(READERS, key) ? READERS[key as keyof FieldsSettings](value) : undefined;
    if (read === undefined) throw new UsageError(`-E ${setting}: expected one of ${KNOWN}`);
    settings[key] = read.value;
  }
  return settings as unknown as FieldsSettings;
}
