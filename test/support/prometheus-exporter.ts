import { createServer } from "node:http";
import { type LocalServer, listenLocally } from "./local-server.js";

export const TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
export const OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

export interface Exporter extends LocalServer {
  /** Replaces what the next scrapes get. */
  serve(body: string, contentType?: string, status?: number): void;
  /** How many times it was scraped. */
  scrapes(): number;
}

/**
 * A metrics endpoint on 127.0.0.1:0 answering every GET with `body` (text format unless told); a
 * function is called once per scrape, with the scrape's number (1, 2, ...).
 */
export async function startExporter(
  body: string | ((scrape: number) => string),
  contentType = TEXT_FORMAT,
): Promise<Exporter> {
  let current: { body: typeof body; contentType: string; status: number } = {
    body,
    contentType,
    status: 200,
  };
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    request.resume();
    const text = typeof current.body === "string" ? current.body : current.body(count);
    response.writeHead(current.status, { "content-type": current.contentType }).end(text);
  });
  const local = await listenLocally(server);
  return {
    ...local,
    serve(next, type = TEXT_FORMAT, status = 200) {
      current = { body: next, contentType: type, status };
    },
    scrapes: () => count,
  };
}
