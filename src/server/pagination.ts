import { GonogoError } from "../core/errors.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The query string of every list: `?limit=&cursor=` (the next page after a cursor) or `?page=`. */
export const pageQuerySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    limit: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    cursor: { type: "string", minLength: 1, maxLength: 200 },
    page: { type: "integer", minimum: 1, maximum: 100_000 },
  },
} as const;

export interface PageQuery {
  limit: number;
  cursor?: string;
  page?: number;
}

/** One page of a list: its items and the cursor of the next page (null on the last one). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor and a page number say two different things: asking both is a usage error (400). */
export function assertOnePosition(query: PageQuery): void {
  if (query.cursor !== undefined && query.page !== undefined)
    throw new GonogoError("usage", "?cursor= and ?page= do not go together: give one");
}

/**
 * A page of a list held in memory, in order, each item's cursor given by `cursorOf`. An unknown
 * cursor is a usage error: the list changed, or the cursor was not one this list gave.
 */
export function pageOf<T>(all: T[], query: PageQuery, cursorOf: (item: T) => string): Page<T> {
  assertOnePosition(query);
  let start = 0;
  if (query.page !== undefined) start = (query.page - 1) * query.limit;
  else if (query.cursor !== undefined) {
    const at = all.findIndex((item) => cursorOf(item) === query.cursor);
    if (at < 0) throw new GonogoError("usage", `?cursor=${query.cursor}: not a cursor of this list`);
    start = at + 1;
  }
  const items = all.slice(start, start + query.limit);
  const last = items.at(-1);
  const more = start + query.limit < all.length;
  return { items, nextCursor: more && last !== undefined ? cursorOf(last) : null };
}
