import { FilterError } from '../analysis/filter-lex.js';
import { parseFilter, type FilterNode } from '../analysis/filter-parse.js';
import type { FilterSchema } from '../analysis/filter-schema.js';
import { UsageError } from './options.js';

/**
 * -Y's text as a filter over the names `schema` knows, or one line saying what is wrong and where (a
 * UsageError). A filter of only whitespace is no filter, as in tshark.
 */
export function parseFilterOption(text: string | undefined, schema: FilterSchema): FilterNode | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseFilter(text, schema);
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`filter: ${error.line}`);
    throw error;
  }
}
