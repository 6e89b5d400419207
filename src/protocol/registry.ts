import { CLIENT_COMMANDS } from './client-commands.js';
import { PEER_COMMANDS } from './peer-commands.js';
import { SERVER_COMMANDS } from './server-commands.js';
import type { CommandTable, Direction } from './types.js';

/** Every command table, looked up by direction and code. */

export const ALL_COMMANDS: readonly CommandTable[] = [...CLIENT_COMMANDS, ...SERVER_COMMANDS, ...PEER_COMMANDS];

/** By direction, then code: looked up for every PDU, so without building a key string each time. */
const byDirection = new Map<Direction, Map<number, CommandTable>>();
for (const table of ALL_COMMANDS) {
  let byCode = byDirection.get(table.direction);
  if (!byCode) byDirection.set(table.direction, (byCode = new Map()));
  byCode.set(table.code, table);
}

export function findTable(direction: Direction, code: number): CommandTable | undefined {
  return byDirection.get(direction)?.get(code);
}

export function findTableByName(direction: Direction, name: string): CommandTable | undefined {
  return ALL_COMMANDS.find((t) => t.direction === direction && t.name === name);
}

/** Every command name and alias, for filters that name commands bare. */
export function commandNames(): string[] {
  return [...new Set(ALL_COMMANDS.map((t) => t.name))];
}
