import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { parseConfig } from "./load-config.js";
import { createYamlSourceCache } from "./yaml-cache.js";
import { parseYamlSource } from "./yaml-source.js";

const config = (url: string) => `version: 1
targets:
  api: { url: "${url}", headers: { Authorization: "Bearer \${API_TOKEN}" } }
checks:
  health:
    item: "Health endpoint returns 200"
    http: { target: api, path: /healthz, timeout: 500ms }
    expect: ["status == 200"]
`;

describe("createYamlSourceCache", () => {
  it("gives what parseYamlSource gives, for a first and a repeated parse", () => {
    const parse = createYamlSourceCache();
    const text = config("http://127.0.0.1:8080");
    for (let i = 0; i < 2; i++) {
      const cached = parse("svc/gonogo.yml", text);
      const plain = parseYamlSource("svc/gonogo.yml", text);
      expect(cached.data).toEqual(plain.data);
      expect(cached.file).toBe(plain.file);
      expect(cached.locate(["checks", "health", "http"], "path")).toBe(
        plain.locate(["checks", "health", "http"], "path"),
      );
    }
  });

  it("parses a changed text afresh", () => {
    const parse = createYamlSourceCache();
    const first = parse("gonogo.yml", config("http://old:8080"));
    const second = parse("gonogo.yml", config("http://new:8080"));
    expect(first.data).toMatchObject({ targets: { api: { url: "http://old:8080" } } });
    expect(second.data).toMatchObject({ targets: { api: { url: "http://new:8080" } } });
    expect(parse("gonogo.yml", config("http://old:8080")).data).toEqual(first.data);
  });

  it("names each caller's own file where two services share the same bytes", () => {
    const parse = createYamlSourceCache();
    const text = config("http://127.0.0.1:8080");
    const a = parse("a/gonogo.yml", text);
    const b = parse("b/gonogo.yml", text);
    expect(a.file).toBe("a/gonogo.yml");
    expect(b.file).toBe("b/gonogo.yml");
    expect(a.locate(["checks", "health"])).toMatch(/^a\/gonogo\.yml:\d+:\d+$/);
    expect(b.locate(["checks", "health"])).toMatch(/^b\/gonogo\.yml:\d+:\d+$/);
  });

  it("shares frozen data, and parseConfig gives each run its own copy with its own environment", () => {
    const parse = createYamlSourceCache();
    const text = config("${API_URL}");
    const first = parseConfig(
      "gonogo.yml",
      text,
      { env: { API_URL: "http://one", API_TOKEN: "t-one-123" } },
      parse,
    );
    const second = parseConfig(
      "gonogo.yml",
      text,
      { env: { API_URL: "http://two", API_TOKEN: "t-two-456" } },
      parse,
    );
    expect(Object.isFrozen(parse("gonogo.yml", text).data)).toBe(true);
    expect(first.targets.api?.url).toBe("http://one");
    expect(second.targets.api?.url).toBe("http://two");
    expect(first.secrets).toContain("t-one-123");
    expect(second.secrets).not.toContain("t-one-123");
    expect(first.config).not.toBe(second.config);
    expect(Object.isFrozen(first.config.targets)).toBe(false);
  });

  it("keeps no failure: a broken file is reported each time, naming its own path", () => {
    const parse = createYamlSourceCache();
    const broken = "checks: [\n";
    expect(() => parse("a/gonogo.yml", broken)).toThrow(GonogoError);
    expect(() => parse("b/gonogo.yml", broken)).toThrow(/b\/gonogo\.yml/);
  });

  it("keeps at most maxEntries documents, dropping the least recently used", () => {
    const parse = createYamlSourceCache(2);
    const a = parse("gonogo.yml", config("http://a"));
    parse("gonogo.yml", config("http://b"));
    expect(parse("gonogo.yml", config("http://a")).data).toBe(a.data);
    const c = parse("gonogo.yml", config("http://c"));
    // b was the least recently used: a is still kept, b is parsed afresh and pushes c out.
    expect(parse("gonogo.yml", config("http://a")).data).toBe(a.data);
    const b = parse("gonogo.yml", config("http://b"));
    expect(parse("gonogo.yml", config("http://b")).data).toBe(b.data);
    expect(parse("gonogo.yml", config("http://c")).data).not.toBe(c.data);
  });
});
