import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalServer, listenLocally } from "./local-server.js";

/** The orders service's launch checklist: a failing health check, a Security section to sign off. */
export const DASHBOARD_CHECKLIST = `# Orders launch

## Health
- [ ] Health endpoint answers 200
- [x] Error budget endpoint answers 200

## Security
- [ ] Security headers endpoint answers 200
- [ ] Penetration test report reviewed
`;

export const DASHBOARD_CONFIG = `version: 1
targets:
  api: { url: "\${ORDERS_URL}" }
checks:
  health: { item: Health endpoint answers 200, http: { target: api, path: /health }, expect: [status == 200] }
  budget: { item: Error budget endpoint answers 200, http: { target: api, path: /budget }, expect: [status == 200] }
  headers: { item: Security headers endpoint answers 200, http: { target: api, path: /headers }, expect: [status == 200] }
manual:
  - Penetration test report reviewed
gates:
  overall: 75%
  signoffs: { "Security": ["Security Lead"] }
`;

/** A target whose paths answer what the test sets: /health and /headers 200, /budget 500 at first. */
export interface DashboardTarget extends LocalServer {
  set(path: string, status: number): void;
}

export async function startDashboardTarget(): Promise<DashboardTarget> {
  const statuses = new Map([
    ["/health", 200],
    ["/budget", 500],
    ["/headers", 200],
  ]);
  const local = await listenLocally(
    createServer((request, response) => {
      response.writeHead(statuses.get(request.url ?? "") ?? 404).end("ok");
    }),
  );
  return Object.assign(local, { set: (path: string, status: number) => void statuses.set(path, status) });
}

/**
 * A folder with gonogo-server.yml serving `orders` (and `search`, never run), the server's
 * `auth:` block trusting `trustedProxy` to name people in X-Forwarded-Email.
 */
export function writeDashboardProject(options: { trustedProxy: string }): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-dashboard-"));
  mkdirSync(join(dir, "orders"));
  mkdirSync(join(dir, "search"));
  writeFileSync(join(dir, "orders", "LAUNCH.md"), DASHBOARD_CHECKLIST);
  writeFileSync(join(dir, "orders", "gonogo.yml"), DASHBOARD_CONFIG);
  writeFileSync(join(dir, "search", "LAUNCH.md"), "# Search\n\n## Index\n- [x] Index built\n");
  writeFileSync(join(dir, "search", "gonogo.yml"), "version: 1\nchecks: {}\n");
  const config = join(dir, "gonogo-server.yml");
  writeFileSync(
    config,
    [
      "services:",
      "  - { name: orders, checklist: orders/LAUNCH.md, owner: payments }",
      "  - { name: search, checklist: search/LAUNCH.md, owner: discovery }",
      "auth:",
      `  trusted_proxies: ["${options.trustedProxy}"]`,
      "  user_header: X-Forwarded-Email",
      "  users:",
      '    ana@example.com: { role: approver, signoff_roles: ["Security Lead"] }',
      "",
    ].join("\n"),
  );
  return { dir, config };
}
