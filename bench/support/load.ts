import autocannon from 'autocannon';

/** The figures every HTTP benchmark reports. */
export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly requests: number;
}

/** Options of {@link measureLoad}. */
export interface MeasureOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  /** Makes the body of request number `n`, for requests that must differ. */
  readonly body?: (n: number) => string;
}

/** Drives `url` with autocannon for a fixed time and reduces its result to {@link LoadFigures}. */
export async function measureLoad(options: MeasureOptions): Promise<LoadFigures> {
  let counter = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: options.body
      ? [
          {
            setupRequest: (request) => {
              counter += 1;
              return { ...request, body: options.body?.(counter) };
            },
          },
        ]
      : undefined,
  });

  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}
