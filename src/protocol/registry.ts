import { CLIENT_COMMANDS } from './client-commands.js';
import { PEER_COMMANDS } from './peer-commands.js';
import { SERVER_COMMANDS } from './server-commands.js';
import type { CommandTable, Direction } from './types.js';
import { DIRECTIONS } from './directions.js';

/**
 * The command tables the dissector reads with, as a value: the built-in tables (BUILTIN_REGISTRY), or
 * those with layouts loaded on top (src/protocol/layout-file.ts). Each capture is read with the registry
 * it is given, so two captures in one process can be read with different layouts.
 */
export interface CommandRegistry {
  /** Every table, in the order given (a loaded table replaces the built-in one of its direction and code). */
  readonly all: readonly CommandTable[];
  findTable(direction: Direction, code: number): CommandTable | undefined;
  findTableByName(direction: Direction, name: string): CommandTable | undefined;
  /** The command name of `code` in `direction` (the COMMAND field's reading), made once per registry. */
  commandNamer(direction: Direction): (code: number) => string | null;
}


/** A registry of these tables; a later table of the same direction and code replaces an earlier one. */
export function createRegistry(tables: readonly CommandTable[]): CommandRegistry {
  // By direction, then code: looked up for every PDU, so without building a key string each time.
  const byDirection = new Map<Direction, Map<number, CommandTable>>(DIRECTIONS.map((d) => [d, new Map()]));
  for (const table of tables) byDirection.get(table.direction)!.set(table.code, table);
  const all = [...byDirection.values()].flatMap((byCode) => [...byCode.values()]);
  const namers = new Map(DIRECTIONS.map((d) => [d, (code: number) => byDirection.get(d)!.get(code)?.name ?? null]));
  return {
    all,
    findTable: (direction, code) => byDirection.get(direction)!.get(code),
    findTableByName: (direction, name) => all.find((t) => t.direction === direction && t.name === name),
    commandNamer: (direction) => namers.get(direction)!,
  };
}

/** Every command table, looked up by direction and code. */
export const ALL_COMMANDS: readonly CommandTable[] = [...CLIENT_COMMANDS, ...SERVER_COMMANDS, ...PEER_COMMANDS];

/** The protocol tables as built in: what every reading uses unless it is given another registry. */
export const BUILTIN_REGISTRY: CommandRegistry = createRegistry(ALL_COMMANDS);

export function findTable(direction: Direction, code: number): CommandTable | undefined {
  return BUILTIN_REGISTRY.findTable(direction, code);
}

export function findTableByName(direction: Direction, name: string): CommandTable | undefined {
  return BUILTIN_REGISTRY.findTableByName(direction, name);
}

/** Every command name and alias, for filters that name commands bare. */
export function commandNames(): string[] {
  return [...new Set(ALL_COMMANDS.map((t) => t.name))];
}
