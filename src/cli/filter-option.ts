import { FilterError } from '../analysis/filter-lex.js';
import { parseFilter, type FilterNode, type ValueCheck } from '../analysis/filter-parse.js';
import { UsageError } from './options.js';

/** -Y's text as a filter over the names `known` accepts and the values `check` allows, or one line saying what is wrong and where (a UsageError). */
export function parseFilterOption(text: string | undefined, known: (name: string) => boolean, check?: ValueCheck): FilterNode | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFilter(text, known, check);
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`filter: ${error.message} at position ${error.position}`);
    throw error;
  }
}
