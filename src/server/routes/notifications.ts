import type { FastifyInstance } from "fastify";
import { GonogoError } from "../../core/errors.js";
import type { DeliveryStatus, NotificationDelivery } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import {
  assertOnePosition,
  MAX_PAGE_SIZE,
  type Page,
  type PageQuery,
  pageQuerySchema,
} from "../pagination.js";
import { API_TOKEN } from "../require-token.js";

const STATUSES: DeliveryStatus[] = ["pending", "delivered", "failed"];

interface DeliveriesQuery extends PageQuery {
  service?: string;
  status?: DeliveryStatus;
}

/** A delivery as the API lists it: what was sent where, and how it went (never a URL or secret). */
function describeDelivery(delivery: NotificationDelivery) {
  const { body: _body, ...rest } = delivery;
  return rest;
}

/**
 * `/api/v1/notifications`: every notification delivery, newest first, with its status, attempts
 * and last error, so a receiver that is down is seen here and not only in its owner's silence.
 */
export async function notificationRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store } = context;

  app.get<{ Querystring: DeliveriesQuery }>(
    "/api/v1/notifications",
    {
      config: { action: "read" },
      schema: {
        tags: ["notifications"],
        security: API_TOKEN,
        summary:
          "Notification deliveries, newest first, with status, attempts and last error (paginated; the cursor is a delivery id)",
        querystring: {
          ...pageQuerySchema,
          properties: {
            ...pageQuerySchema.properties,
            service: { type: "string", minLength: 1, maxLength: 100 },
            status: { type: "string", enum: STATUSES },
          },
        },
      },
    },
    async (request): Promise<Page<ReturnType<typeof describeDelivery>>> => {
      const query = request.query;
      assertOnePosition(query);
      const before = query.cursor === undefined ? undefined : deliveryCursor(query.cursor);
      const skip = query.page === undefined ? 0 : (query.page - 1) * query.limit;
      // One more than asked tells whether there is a next page.
      const rows = await store.listDeliveries({
        limit: skip + Math.min(query.limit, MAX_PAGE_SIZE) + 1,
        ...(query.service !== undefined && { service: query.service }),
        ...(query.status !== undefined && { status: query.status }),
        ...(before !== undefined && { before }),
      });
      const items = rows.slice(skip, skip + query.limit).map(describeDelivery);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > skip + query.limit && last ? String(last.id) : null };
    },
  );
}

/** The cursor of a delivery list: the id of the last delivery of the page before. */
function deliveryCursor(text: string): number {
  const id = Number(text);
  if (!/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(id))
    throw new GonogoError("usage", `?cursor=${text}: not a cursor of this list (a delivery id)`);
  return id;
}
