import { ALL_COMMANDS } from '../../src/protocol/registry.js';
import type { CommandTable, LayoutVariant } from '../../src/protocol/types.js';

/**
 * The commands the document describes completely, as the benchmark scores them: UDP (both directions), named
 * and described by the document, with at least one body field. The document's other described commands
 * (ACK both ways, KEEP_ALIVE, LOGIN_1) have empty bodies: nothing to infer.
 */

const UDP_DIRECTIONS: readonly string[] = ['client-to-server', 'server-to-client'];

export const documentLayout = (table: CommandTable): LayoutVariant => table.layouts.find((l) => l.name === 'document') ?? table.layouts[0]!;

const describedByDocument = (t: CommandTable) => UDP_DIRECTIONS.includes(t.direction) && t.source === 'document' && !t.undescribed;

export const DESCRIBED_COMMANDS: readonly CommandTable[] = ALL_COMMANDS.filter((t) => describedByDocument(t) && documentLayout(t).fields.length > 0);

/** Described, but with no body: listed so the count can be checked against the document's. */
export const BODILESS_COMMANDS: readonly CommandTable[] = ALL_COMMANDS.filter((t) => describedByDocument(t) && documentLayout(t).fields.length === 0);
