/** One request a load loop made, with when it ran and how it ended. */
export interface LoadRecord {
  readonly startedAt: number;
  readonly endedAt: number;
  /** The HTTP status, or `undefined` when no answer came (connection refused or reset). */
  readonly status: number | undefined;
  /** What the request was about, e.g. the login it signed in. */
  readonly key: string;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Keeps going while this answers true; checked before each request. */
  readonly until: () => boolean;
  /** Hard bound on the loop, so a drill always ends. */
  readonly maxDurationMs: number;
  /** Sends request number `index`; returns its key and the response. */
  readonly send: (index: number) => Promise<{ key: string; response: Response }>;
}

/**
 * Drives a bounded closed-loop load against a local server and records every request, for fault
 * drills that must account for each one.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRecord[]> {
  const records: LoadRecord[] = [];
  const deadline = Date.now() + options.maxDurationMs;
  let next = 0;

  const worker = async () => {
    while (options.until() && Date.now() < deadline) {
      const index = next;
      next += 1;
      const startedAt = Date.now();
      let key = String(index);
      let status: number | undefined;
      try {
        const sent = await options.send(index);
        key = sent.key;
        status = sent.response.status;
        await sent.response.arrayBuffer();
      } catch {
        status = undefined;
      }
      records.push({ startedAt, endedAt: Date.now(), status, key });
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return records;
}
