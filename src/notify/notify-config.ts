import { z } from "zod";
import { parseDuration } from "../core/units.js";
import { NOTIFICATION_KINDS, type NotificationKind } from "../store/index.js";

/** A name the server's environment has: secrets are named here, never written here. */
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name (letters, digits, '_')");

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null || ms < 0) {
        ctx.addIssue({ code: "custom", message: `"${text}" is not a duration (250ms, 10s, 5m, 1h, 7d)` });
        return z.NEVER;
      }
      return ms;
    });

const channelSchema = z
  .strictObject({
    type: z.enum(["webhook", "slack"]),
    /** The receiver's URL, written out; a Slack incoming-webhook URL is a secret: prefer url_env. */
    url: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }).optional(),
    /** The environment variable holding the URL. */
    url_env: envName.optional(),
    /** The environment variable holding the shared secret a webhook's body is signed with (HMAC-SHA256). */
    secret_env: envName.optional(),
    /** The kinds of notification this channel gets; default: all. */
    events: z
      .array(z.enum(NOTIFICATION_KINDS as [NotificationKind, ...NotificationKind[]]))
      .min(1)
      .optional(),
  })
  .superRefine((channel, ctx) => {
    if ((channel.url === undefined) === (channel.url_env === undefined))
      ctx.addIssue({ code: "custom", message: "give one of url or url_env (the variable holding the URL)" });
    if (channel.type === "webhook" && channel.secret_env === undefined)
      ctx.addIssue({
        code: "custom",
        message: "a webhook needs secret_env: the variable holding the secret its body is signed with",
      });
    if (channel.type === "slack" && channel.secret_env !== undefined)
      ctx.addIssue({
        code: "custom",
        message: "secret_env is for webhooks: Slack does not check signatures",
      });
  });

/** `notifications:` in gonogo-server.yml. */
export const notificationsSchema = z.strictObject({
  /** Where people open a checklist: links are `<public_url>/checklists/<service>`. */
  public_url: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }).optional(),
  /** An attestation or waiver expiring within this window notifies (once). */
  expiry_window: duration("7d"),
  /** How often expiries are looked for besides after each run; 0 turns the timer off. */
  expiry_check_every: duration("1h"),
  /** Each delivery's timeout. */
  timeout: duration("10s"),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(20).default(6),
      backoff: duration("1s"),
      max_backoff: duration("5m"),
    })
    .prefault({}),
  channels: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/), channelSchema).default({}),
  /** Owner (a service's `owner:`) → the channels its services notify. */
  owners: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
});

export type NotificationsInput = z.input<typeof notificationsSchema>;
export type NotificationsBlock = z.output<typeof notificationsSchema>;

export interface ChannelConfig {
  name: string;
  type: "webhook" | "slack";
  /** Where the URL comes from: written out, or the environment variable holding it. */
  url: { value: string } | { env: string };
  secretEnv: string | null;
  events: NotificationKind[] | null;
}

/** Notification settings as the notifier uses them: durations in ms, channels by name. */
export interface NotificationsConfig {
  publicUrl: string | null;
  expiryWindowMs: number;
  expiryCheckEveryMs: number;
  timeoutMs: number;
  retry: { attempts: number; backoffMs: number; maxBackoffMs: number };
  channels: ChannelConfig[];
  owners: Record<string, string[]>;
}

export const NO_NOTIFICATIONS: NotificationsConfig = {
  publicUrl: null,
  expiryWindowMs: 7 * 86_400_000,
  expiryCheckEveryMs: 0,
  timeoutMs: 10_000,
  retry: { attempts: 1, backoffMs: 0, maxBackoffMs: 0 },
  channels: [],
  owners: {},
};

export function toNotificationsConfig(block: NotificationsBlock | undefined): NotificationsConfig {
  if (!block) return NO_NOTIFICATIONS;
  return {
    publicUrl: block.public_url?.replace(/\/+$/, "") ?? null,
    expiryWindowMs: block.expiry_window,
    expiryCheckEveryMs: block.expiry_check_every,
    timeoutMs: block.timeout,
    retry: {
      attempts: block.retry.attempts,
      backoffMs: block.retry.backoff,
      maxBackoffMs: block.retry.max_backoff,
    },
    channels: Object.entries(block.channels).map(([name, c]) => ({
      name,
      type: c.type,
      url: c.url !== undefined ? { value: c.url } : { env: c.url_env ?? "" },
      secretEnv: c.secret_env ?? null,
      events: c.events ?? null,
    })),
    owners: block.owners,
  };
}

/**
 * Channels named where none is defined, as (path, message) pairs for line-numbered errors:
 * under `owners:` and in each service's `notify:`.
 */
export function unknownChannels(
  block: NotificationsBlock | undefined,
  services: readonly { notify?: string[] | undefined }[],
): { path: (string | number)[]; message: string }[] {
  const defined = new Set(Object.keys(block?.channels ?? {}));
  const known = [...defined].join(", ") || "none: define them under notifications.channels";
  const problems: { path: (string | number)[]; message: string }[] = [];
  const check = (name: string, path: (string | number)[]) => {
    if (!defined.has(name))
      problems.push({ path, message: `no channel named "${name}" (defined: ${known})` });
  };
  for (const [s, service] of services.entries())
    for (const [i, name] of (service.notify ?? []).entries()) check(name, ["services", s, "notify", i]);
  for (const [owner, names] of Object.entries(block?.owners ?? {}))
    for (const [i, name] of names.entries()) check(name, ["notifications", "owners", owner, i]);
  return problems;
}
