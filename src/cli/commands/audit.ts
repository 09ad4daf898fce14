import { openExistingStore, printJson, type StoreFlags, withStore } from "./_store.js";

/** `gonogo audit`: the append-only log of attestations, waivers, sign-offs and migrations. */
export async function runAudit(options: StoreFlags): Promise<number> {
  const store = await openExistingStore(options);
  return withStore(store, async () => {
    const events = await store.listAudit();
    if (options.json) printJson(events);
    else
      process.stdout.write(
        events
          .map((e) => `${e.at}  ${e.actor}  ${e.action}  ${e.subject}  ${JSON.stringify(e.detail)}\n`)
          .join(""),
      );
    return 0;
  });
}
