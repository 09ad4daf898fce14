/** `postgres://user:secret@host/db` as it may be printed: the password never is. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/**
 * The URL to suggest in a command a user may copy (`gonogo migrate --store ...`): without its
 * password, which the driver then takes from PGPASSWORD or ~/.pgpass.
 */
export function postgresUrlWithoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}
