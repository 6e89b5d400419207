import type { TextParts } from './types.js';

/** MESSAGE / TYPE layouts: which 0xFE-separated parts a message of each type holds (0x8000 variant bit ignored). */
export function messageParts(selector: string): TextParts {
  return {
    by: selector,
    cases: {
      0x0004: ['DESCRIPTION', 'URL'],
      0x000c: ['NICK_NAME', 'FIRST_NAME', 'LAST_NAME', 'E_MAIL', 'AUTHORIZE'],
    },
    meanings: { AUTHORIZE: 'authorize-digit' },
  };
}
