/** A count and its noun, in the plural unless the count is one ("1 contact", "2 contacts", "0 bytes"). */
export const plural = (count: number, noun: string, written: (count: number) => string = String): string => `${written(count)} ${noun}${count === 1 ? '' : 's'}`;
