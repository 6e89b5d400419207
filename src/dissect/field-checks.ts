import { note as noteOf } from '../net/note-kinds.js';
import { CHECK_NOTES } from '../protocol/check-notes.js';
import { portText } from '../protocol/meanings.js';
import type { CommandCheck, FieldSpec } from '../protocol/types.js';
import type { Note } from './pdu.js';
import type { Value } from './walk.js';

/**
 * The interpreter of the rules declared on field specs and command tables (src/protocol/types.ts:
 * FieldCheck, CommandCheck): a rule broken gives a note of its kind (CHECK_NOTES) in the rule's own words.
 */

const swapped16 = (value: number) => ((value & 0xff) << 8) | ((value >> 8) & 0xff);

/** Checks one field's value against the rules on its spec. */
export function checkField(spec: FieldSpec, value: Value, sourcePort: number, notes: Note[]): void {
  for (const check of spec.checks!) {
    const { note } = check;
    const name = spec.name;
    const broken = (message: string) => notes.push(noteOf(CHECK_NOTES[check.kind], message, name));
    switch (check.kind) {
      case 'range':
        if (typeof value === 'number' && (value < check.min || value > check.max)) broken(`${name} is ${value}, ${note}`);
        break;
      case 'high-half-zero':
        if (typeof value === 'number' && value >>> 16 !== 0) broken(`${name} reads ${portText(value)}: ${note}`);
        break;
      case 'max-length':
        if (typeof value === 'string' && value.length > check.max) broken(`${name} has ${value.length} characters, more than ${check.max}: ${note}`);
        break;
      case 'not-own-port-swapped': {
        if (typeof value !== 'number') break;
        const port = swapped16(value & 0xffff);
        if (port === sourcePort && port !== (value & 0xffff)) broken(`${name}'s low half read big-endian is ${port}, ${note}`);
        break;
      }
    }
  }
}

const isEmptyText = (value: Value | undefined) => value === '' || value === undefined;
const shown = (value: Value | undefined) => (typeof value === 'number' ? `0x${value.toString(16)}` : JSON.stringify(value));

/** Checks the rules between a command's fields, once its layout was read (values by field name). */
export function checkCommand(checks: readonly CommandCheck[], values: ReadonlyMap<string, Value>, notes: Note[]): void {
  for (const check of checks) {
    const { note } = check;
    const broken = (message: string, field?: string) => notes.push(noteOf(CHECK_NOTES[check.kind], message, field));
    switch (check.kind) {
      case 'implies': {
        const cause = values.get(check.if.field);
        const effect = values.get(check.then.field);
        if (cause === undefined || effect === undefined || !check.if.values.includes(cause as number | string)) break;
        if (check.then.values.includes(effect as number | string)) break;
        broken(`${check.then.field} is ${shown(effect)} with ${check.if.field} ${shown(cause)}: ${note}`, check.then.field);
        break;
      }
      case 'differ': {
        const [a, b] = check.fields;
        const first = values.get(a);
        const second = values.get(b);
        if (first !== undefined && second !== undefined && first !== second) broken(`${a} ${first} differs from ${b} ${second}: ${note}`, b);
        break;
      }
      case 'not-all-empty':
        if (check.fields.every((f) => values.has(f)) && check.fields.every((f) => isEmptyText(values.get(f)))) broken(note);
        break;
      case 'exclusive': {
        const used = check.groups.filter((group) => group.some((f) => !isEmptyText(values.get(f))));
        if (used.length > 1) broken(note);
        break;
      }
    }
  }
}
