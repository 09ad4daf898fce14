import { randomUUID } from "node:crypto";
import type { NotificationDelivery, Store } from "../store/index.js";
import { deliver } from "./deliver.js";
import { expiryChanges } from "./expiry-changes.js";
import { checklistLink, type Notification, type NotifiedService, webhookBody } from "./notification.js";
import type { ChannelConfig, NotificationsConfig } from "./notify-config.js";
import { type RecordedRun, runChanges } from "./run-changes.js";
import { slackBody } from "./slack-body.js";

export interface NotifierOptions {
  store: Store;
  config: NotificationsConfig;
  services: NotifiedService[];
  /** Where channel URLs and signing secrets named by `url_env` / `secret_env` are read. */
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** A line for the server's log: a notification that could not even be recorded. Never a secret. */
  log?: (line: string) => void;
  /** Told of each delivery that ended (metrics). */
  onSettled?: (delivery: NotificationDelivery, status: "delivered" | "failed") => void;
}

/** What the server's callers hold: tell it of each recorded run; it notifies in the background. */
export interface Notifier {
  /**
   * Looks at a recorded run for changes (verdict, regressions, voided sign-offs, expiries coming)
   * and delivers their notifications in the background. Returns at once and never throws: a
   * delivery's failure is recorded in the store, never the run's.
   */
  runRecorded(service: NotifiedService, run: RecordedRun): void;
  /** Looks for expiries coming in every service (what the timer does); resolves when recorded. */
  checkExpiries(): Promise<void>;
  /** Resolves when every notification started so far is delivered, failed or given up. */
  idle(): Promise<void>;
  /** Stops the timer and waits for the work in flight, aborting its waits and requests. */
  close(): Promise<void>;
}

/** The channels a service notifies: its owner's, then its own, each once, that want this kind. */
export function channelsFor(
  config: NotificationsConfig,
  service: NotifiedService,
  kind: Notification["kind"],
): ChannelConfig[] {
  const names = new Set([...(service.owner ? (config.owners[service.owner] ?? []) : []), ...service.notify]);
  return config.channels.filter(
    (channel) => names.has(channel.name) && (channel.events === null || channel.events.includes(kind)),
  );
}

/**
 * The notifier of a server: finds changes worth telling, records one delivery per channel, and
 * sends them with retries. Nothing it does delays or fails the run it is told of.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { store, config, env } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const stop = new AbortController();
  const inFlight = new Set<Promise<void>>();
  /** Runs of one service are looked at in the order they were recorded, so a late look never undoes a newer state. */
  const chains = new Map<string, Promise<void>>();

  function track(work: () => Promise<void>, what: string): Promise<void> {
    const done = work()
      .catch((error: unknown) => {
        if (!stop.signal.aborted) log(`notifications: ${what}: ${(error as Error).message ?? String(error)}`);
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
    return done;
  }

  async function send(
    service: NotifiedService,
    change: Omit<Notification, "id" | "service" | "owner" | "checklist" | "link" | "at">,
  ) {
    const channels = channelsFor(config, service, change.kind);
    if (channels.length === 0) return;
    const notification: Notification = {
      id: randomUUID(),
      service: service.name,
      owner: service.owner,
      checklist: service.key,
      link: checklistLink(config.publicUrl, service.name),
      at: now().toISOString(),
      ...change,
    };
    for (const channel of channels) {
      const delivery = await store.addDelivery({
        service: service.name,
        checklist: service.key,
        channel: channel.name,
        channelType: channel.type,
        kind: notification.kind,
        runId: notification.runId,
        summary: notification.summary,
        body: channel.type === "slack" ? slackBody(notification) : webhookBody(notification),
        createdAt: notification.at,
      });
      void track(
        () =>
          deliver(delivery, channel, config, {
            store,
            env,
            now,
            signal: stop.signal,
            ...(options.onSettled && { onSettled: options.onSettled }),
          }),
        `delivery #${delivery.id} to ${channel.name}`,
      );
    }
  }

  async function expiriesOf(service: NotifiedService, runId: number | null) {
    for (const change of await expiryChanges(store, service, now(), config.expiryWindowMs))
      await send(service, { ...change, runId });
  }

  const timer =
    config.expiryCheckEveryMs > 0 && config.channels.length > 0
      ? setInterval(() => void track(checkAll, "expiry check"), config.expiryCheckEveryMs)
      : null;
  timer?.unref();

  async function checkAll() {
    for (const service of options.services) await expiriesOf(service, null);
  }

  return {
    runRecorded(service, run) {
      if (config.channels.length === 0) return;
      const before = chains.get(service.key) ?? Promise.resolve();
      const next = track(async () => {
        await before;
        const at = now().toISOString();
        for (const change of await runChanges(store, service, run, at))
          await send(service, { ...change, runId: run.runId });
        await expiriesOf(service, run.runId);
      }, `run #${run.runId} of ${service.name}`);
      chains.set(service.key, next);
      void next.finally(() => {
        if (chains.get(service.key) === next) chains.delete(service.key);
      });
    },
    checkExpiries: () => track(checkAll, "expiry check"),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close() {
      if (timer) clearInterval(timer);
      stop.abort(new Error("the server is shutting down"));
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
