import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from './db/pool.js';

/** The app's Prometheus metrics, in a registry of their own so several apps can share a process. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly githubCalls: Counter<'operation' | 'outcome'>;
  readonly cacheLookups: Counter<'result'>;
}

/** Makes the registry with process metrics and the app's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    githubCalls: new Counter({
      name: 'github_calls_total',
      help: 'Calls to the GitHub API, by operation and outcome (200, 304, 401, rate_limited, error).',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'notifications_cache_lookups_total',
      help: 'Notification list lookups answered from the cache (hit) or from GitHub (miss).',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}

/**
 * Reports the database pool's connections in use and idle. mysql2 keeps these counts in private
 * fields only; read them defensively so a driver upgrade cannot break scraping.
 */
export function observePool(metrics: Metrics, pool: Pool): void {
  const inner = (pool as unknown as { pool?: PoolInternals }).pool;
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections, by state (in_use, idle).',
    labelNames: ['state'],
    registers: [metrics.registry],
    collect() {
      const all = inner?._allConnections?.length ?? 0;
      const idle = inner?._freeConnections?.length ?? 0;
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'in_use' }, Math.max(0, all - idle));
    },
  });
}

interface PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
}
