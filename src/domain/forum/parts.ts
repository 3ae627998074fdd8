/**
 * An agenda too large for one Teams message is posted in numbered parts. Items are never cut:
 * each part takes whole items, in agenda order, while the part stays within the byte budget.
 */

export class ItemTooLargeError extends Error {
  constructor(
    readonly index: number,
    readonly bytes: number,
    readonly budget: number,
  ) {
    super(`agenda item ${index + 1} alone needs ${bytes} bytes, more than the ${budget} a part may hold`);
  }
}

/**
 * Greedy split: `itemBytes` is what an item adds to a part, `budget` what a part may hold beyond
 * its fixed frame (header, totals). Every part holds at least one item; an empty agenda is one
 * empty part, so there is always something to post.
 */
export function splitIntoParts<T>(items: readonly T[], itemBytes: (item: T) => number, budget: number): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let used = 0;
  items.forEach((item, index) => {
    const bytes = itemBytes(item);
    if (bytes > budget) throw new ItemTooLargeError(index, bytes, budget);
    if (current.length > 0 && used + bytes > budget) {
      parts.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += bytes;
  });
  if (current.length > 0 || parts.length === 0) parts.push(current);
  return parts;
}
