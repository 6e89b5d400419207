import { CLIENT_VARIANTS, type ClientVariant, type VariantCommand } from './client-variants.js';
import { CLIENT_HEADER, CLIENT_HEADER_NO_UIN, SERVER_HEADER } from './headers.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from './registry.js';
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
  if (direction === 'server-to-client') return SERVER_HEADER;
  return table?.noUin ? CLIENT_HEADER_NO_UIN : CLIENT_HEADER;
}

/**
 * The fields with the byte orders given by name (nested fields too); the others as they are. `keepOwn`:
 * a field that declares its own order keeps it (a loaded layout's `order` is the researcher's word).
 */
function withOrders(fields: readonly FieldSpec[], orders: Readonly<Record<string, ByteOrder>>, keepOwn = false): FieldSpec[] {
  return fields.map((spec) => {
    const type = spec.type;
    const nested = type.kind === 'repeat' || type.kind === 'group' ? { ...spec, type: { ...type, fields: withOrders(type.fields, orders, keepOwn) } } : spec;
    const order = orders[spec.name];
    return order === undefined || (keepOwn && spec.order !== undefined) ? nested : { ...nested, order };
  });
}

/**
 * A layout read the variant's way. A loaded layout takes the variant's byte orders for the fields it
 * names as the document does (those without their own `order`) and keeps its own field order.
 */
function variantLayout(layout: LayoutVariant, variant: ClientVariant, command: VariantCommand): LayoutVariant {
  const orders = command.orders ?? {};
  if (layout.loaded) return { ...layout, fields: withOrders(layout.fields, orders, true) };
  const byName = new Map(layout.fields.map((f) => [f.name, f]));
  // A field order is of the document's fields: a layout without them (a body replaced by an undescribed one) keeps its own.
  if (!command.fieldOrder || !command.fieldOrder.names.every((name) => byName.has(name))) return { ...layout, fields: withOrders(layout.fields, orders) };
  const fields = command.fieldOrder.names.map((name) => byName.get(name)!);
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

const derivedKey = (variant: ClientVariant, direction: Direction) => `${variant.name} ${direction}`;

/** Every variant's readings of a registry's tables, derived once per registry (the built-in one at load). */
function deriveReadings(registry: CommandRegistry): Map<string, VariantReadings> {
  const derived = new Map<string, VariantReadings>();
  for (const variant of CLIENT_VARIANTS) {
    for (const direction of ['client-to-server', 'server-to-client'] as const) {
      const byCode = new Map<number, Reading>();
      for (const table of registry.all) if (table.direction === direction) byCode.set(table.code, variantReading(variant, direction, table));
      derived.set(derivedKey(variant, direction), { byCode, unknown: variantReading(variant, direction, undefined) });
    }
  }
  return derived;
}

const derivedByRegistry = new WeakMap<CommandRegistry, Map<string, VariantReadings>>([[BUILTIN_REGISTRY, deriveReadings(BUILTIN_REGISTRY)]]);

function readingsOf(variant: ClientVariant, direction: Direction, registry: CommandRegistry): VariantReadings {
  let derived = derivedByRegistry.get(registry);
  if (!derived) derivedByRegistry.set(registry, (derived = deriveReadings(registry)));
  return derived.get(derivedKey(variant, direction))!;
}

/** How a session read the `variant` way reads command `code` in `direction` (UDP), with the registry's tables. */
export function readingIn(variant: ClientVariant, direction: Direction, code: number, registry: CommandRegistry = BUILTIN_REGISTRY): Reading {
  return readingsOf(variant, direction, registry).byCode.get(code) ?? unknownReadingIn(variant, direction, registry);
}

/** How a session read the `variant` way reads a code no table names, in `direction` (UDP). */
export function unknownReadingIn(variant: ClientVariant, direction: Direction, registry: CommandRegistry = BUILTIN_REGISTRY): Reading {
  return readingsOf(variant, direction, registry).unknown;
}

/** How the document reads command `code` in `direction`. */
export function documentReading(direction: Direction, table: CommandTable | undefined): Reading {
  return { header: headerOf(direction, table), table };
}
