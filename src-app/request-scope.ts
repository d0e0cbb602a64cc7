import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one request carries. */
export interface RequestScope {
  readonly requestId: string;
}

/**
 * The scope of the request being served, carried across awaits. The logger reads it, so a line
 * logged deep inside a service still names its request without the id being passed around.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();
