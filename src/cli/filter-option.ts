import { FilterError } from '../analysis/filter-lex.js';
import { parseFilter, type FilterNode } from '../analysis/filter-parse.js';
import { UsageError } from './options.js';

/** -Y's text as a filter over the names `known` accepts, or one line saying what is wrong and where (a UsageError). */
export function parseFilterOption(text: string | undefined, known: (name: string) => boolean): FilterNode | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFilter(text, known);
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`filter: ${error.message} at position ${error.position}`);
    throw error;
  }
}
