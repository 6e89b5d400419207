import type { Direction } from './types.js';

/**
 * The three directions, named alike everywhere: these words in JSON, the filter and `flows -T json`;
 * tables (the packet list, flows, unknowns) show the short label, and the filter takes it too.
 */
export const DIRECTIONS: readonly Direction[] = ['client-to-server', 'server-to-client', 'peer-to-peer'];

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  'client-to-server': 'C→S',
  'server-to-client': 'S→C',
  'peer-to-peer': 'P2P',
};

/** The direction a word or a table's label names (undefined: none). */
export function directionNamed(text: string): Direction | undefined {
  return DIRECTIONS.find((direction) => direction === text || DIRECTION_LABELS[direction] === text);
}
