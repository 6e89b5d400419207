import { CLIENT_VARIANTS, type ClientVariant, type VariantCommand } from './client-variants.js';
import { CLIENT_HEADER, SERVER_HEADER } from './headers.js';
import { ALL_COMMANDS } from './registry.js';
import type { ByteOrder, CommandTable, Direction, FieldSpec, LayoutVariant } from './types.js';

/**
 * How a PDU of one command is read: the header and the command's table, in the document's byte orders
 * or in a client variant's (derived once from the document's tables and the variant's declarations).
 */
export interface Reading {
  header: readonly FieldSpec[];
  table: CommandTable | undefined;
  /** The client variant that changed something in this reading (absent: the document's reading). */
  variant?: ClientVariant;
}

export function headerOf(direction: Direction, table: CommandTable | undefined): readonly FieldSpec[] {
  if (direction === 'peer-to-peer') return [];
  return direction === 'client-to-server' && !table?.noUin ? CLIENT_HEADER : SERVER_HEADER;
}

/** The fields with the byte orders given by name (nested fields too); the others as they are. */
function withOrders(fields: readonly FieldSpec[], orders: Readonly<Record<string, ByteOrder>>): FieldSpec[] {
  return fields.map((spec) => {
    const type = spec.type;
    const nested = type.kind === 'repeat' || type.kind === 'group' ? { ...spec, type: { ...type, fields: withOrders(type.fields, orders) } } : spec;
    const order = orders[spec.name];
    return order === undefined ? nested : { ...nested, order };
  });
}

function variantLayout(layout: LayoutVariant, variant: ClientVariant, command: VariantCommand): LayoutVariant {
  const orders = command.orders ?? {};
  if (!command.fieldOrder) return { ...layout, fields: withOrders(layout.fields, orders) };
  const byName = new Map(layout.fields.map((f) => [f.name, f]));
  const fields = command.fieldOrder.names.map((name) => {
    const spec = byName.get(name);
    if (!spec) throw new Error(`${variant.name}: ${layout.name} has no field ${name}`);
    return spec;
  });
  return { name: `${variant.name} field order`, source: command.fieldOrder.description, from: [variant.source], fields: withOrders(fields, orders) };
}

/** A client's own packets take its header orders and its commands'; the server's packets to it only what `answers` says. */
function variantReading(variant: ClientVariant, direction: Direction, table: CommandTable | undefined): Reading {
  const own = direction === variant.direction;
  const command = table ? (own ? variant.commands : variant.answers)?.[table.name] : undefined;
  const orders = { ...(own ? variant.header : {}), ...command?.header };
  const document = headerOf(direction, table);
  if (!command && Object.keys(orders).length === 0) return { header: document, table };
  const header = withOrders(document, orders);
  if (!table || !command) return { header, table, variant };
  return { header, table: { ...table, layouts: table.layouts.map((l) => variantLayout(l, variant, command)) }, variant };
}

/** Per variant and direction, per command code; plus a reading for codes no table names. */
interface VariantReadings {
  byCode: Map<number, Reading>;
  unknown: Reading;
}

const derived = new Map<string, VariantReadings>();
const derivedKey = (variant: ClientVariant, direction: Direction) => `${variant.name} ${direction}`;
for (const variant of CLIENT_VARIANTS) {
  for (const direction of ['client-to-server', 'server-to-client'] as const) {
    const byCode = new Map<number, Reading>();
    for (const table of ALL_COMMANDS) if (table.direction === direction) byCode.set(table.code, variantReading(variant, direction, table));
    derived.set(derivedKey(variant, direction), { byCode, unknown: variantReading(variant, direction, undefined) });
  }
}

/** How a session read the `variant` way reads command `code` in `direction` (UDP). */
export function readingIn(variant: ClientVariant, direction: Direction, code: number): Reading {
  const readings = derived.get(derivedKey(variant, direction))!;
  return readings.byCode.get(code) ?? readings.unknown;
}

/** How the document reads command `code` in `direction`. */
export function documentReading(direction: Direction, table: CommandTable | undefined): Reading {
  return { header: headerOf(direction, table), table };
}
