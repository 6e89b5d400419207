import type { FieldSpec } from '../protocol/types.js';
import type { Field } from './pdu.js';

/** What a walked field shows of its spec. */
export type FieldLabel = Pick<FieldSpec, 'name' | 'description' | 'unknown' | 'expected'>;

/** A display known at once, or worked out only when something shows it. */
export type Display = string | (() => string);

/**
 * A field as the walk found it: where it is and its typed value. What only a shown tree needs (the hex
 * text, the human reading) is worked out on first use, so the packet list, -T fields, -Y and the analysis
 * never pay for it; `toJSON` gives the JSON contract's object, keys in their documented order.
 */
export class WalkedField implements Field {
  fields?: Field[];

  constructor(
    private readonly source: Buffer,
    private readonly label: FieldLabel,
    readonly offset: number,
    readonly length: number,
    public value: Field['value'],
    private shown: Display,
  ) {}

  get name(): string {
    return this.label.name;
  }

  get description(): string {
    return this.label.description;
  }

  get unknown(): true | undefined {
    return this.label.unknown ? true : undefined;
  }

  get expected(): string | undefined {
    return this.label.expected;
  }

  get hex(): string {
    return this.source.toString('hex', this.offset, this.offset + this.length);
  }

  get display(): string {
    if (typeof this.shown === 'function') this.shown = this.shown();
    return this.shown;
  }

  set display(text: Display) {
    this.shown = text;
  }

  toJSON(): Field {
    return plainField(this);
  }
}

/** The JSON contract's field object (name, offset, length, hex, value, display, unknown?, expected?, description, fields?). */
export function plainField(field: Field): Field {
  const plain = orderedField(field, field.offset, field.length, field.hex, field.value, field.display);
  if (field.fields) plain.fields = field.fields.map(plainField);
  return plain;
}

/** A plain field, keys in the documented order; optional keys assigned in turn (spreading them in cost 2 µs a PDU). */
export function orderedField(label: FieldLabel, offset: number, length: number, hex: string, value: Field['value'], display: string): Field {
  const field = { name: label.name, offset, length, hex } as Field;
  if (value !== undefined) field.value = value;
  field.display = display;
  if (label.unknown) field.unknown = true;
  if (label.expected !== undefined) field.expected = label.expected;
  field.description = label.description;
  return field;
}
