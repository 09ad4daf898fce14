import { describe, expect, it } from "vitest";
import type { Route } from "../shared/traffic/plan-routes.js";
import { serializeRequest } from "./serialize-request.js";

const route = (overrides: Partial<Route> = {}): Route => ({
  name: "orders",
  weight: 1,
  method: "GET",
  path: "/api/orders?page=1",
  headers: {},
  body: undefined,
  ...overrides,
});

describe("serializeRequest", () => {
  it("writes the request line, host and headers, and nothing else for a GET", () => {
    const bytes = serializeRequest(route({ headers: { accept: "application/json" } }), "127.0.0.1:8080");
    expect(bytes.toString("latin1")).toBe(
      "GET /api/orders?page=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\naccept: application/json\r\n\r\n",
    );
  });

  it("adds the body's length, and a zero length for a POST without one", () => {
    const body = Buffer.from('{"qty":2}');
    expect(serializeRequest(route({ method: "POST", body }), "h").toString()).toBe(
      `POST /api/orders?page=1 HTTP/1.1\r\nhost: h\r\ncontent-length: ${body.length}\r\n\r\n{"qty":2}`,
    );
    expect(serializeRequest(route({ method: "PUT" }), "h").toString()).toContain("content-length: 0\r\n");
  });

  it("lets the route name its own host", () => {
    const text = serializeRequest(route({ headers: { host: "orders.internal" } }), "127.0.0.1").toString();
    expect(text.match(/^host: [^\r]*/gim)).toEqual(["host: orders.internal"]);
  });

  it("refuses a header or path that would smuggle in another line", () => {
    expect(() => serializeRequest(route({ headers: { "x-a": "1\r\nx-b: 2" } }), "h")).toThrow(
      'load: route "orders": header "x-a" cannot be sent as written',
    );
    expect(() => serializeRequest(route({ headers: { "x a": "1" } }), "h")).toThrow(/header "x a"/);
    expect(() => serializeRequest(route({ path: "/a b" }), "h")).toThrow(/holds white space/);
    expect(() => serializeRequest(route({ headers: { "x-city": "東京" } }), "h")).toThrow(/header "x-city"/);
  });

  it("percent-encodes a path that is not ASCII, as a browser sends it", () => {
    const text = serializeRequest(route({ path: "/search?q=日本" }), "h").toString("latin1");
    expect(text.split("\r\n")[0]).toBe("GET /search?q=%E6%97%A5%E6%9C%AC HTTP/1.1");
  });
});
