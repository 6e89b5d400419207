import { UNDESCRIBED } from '../../src/protocol/field-builders.js';
import { ALL_COMMANDS, createRegistry, type CommandRegistry } from '../../src/protocol/registry.js';
import { documented } from '../../src/protocol/table-builders.js';
import type { CommandTable } from '../../src/protocol/types.js';

/** The built-in tables with one command's layouts replaced by the one undescribed layout: its body is read as an undescribed run. */
export function hiddenRegistry(hidden: CommandTable): CommandRegistry {
  return createRegistry([...ALL_COMMANDS, { ...hidden, undescribed: true, layouts: documented([UNDESCRIBED]) }]);
}
