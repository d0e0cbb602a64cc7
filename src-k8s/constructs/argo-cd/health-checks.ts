import { readFileSync } from 'node:fs';

/**
 * A Lua health check that Argo CD runs for every object of one kind. The scripts live beside
 * this file in `health/`, one per kind, so that they can be read, linted and tested as Lua.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
 */
export interface HealthCheck {
  /** API group of the kind. */
  readonly group: string;
  /** Kind that the script judges. */
  readonly kind: string;
  /** File name of the script in `health/`. */
  readonly file: string;
}

/**
 * The health checks that Argo CD lacks for what this repository deploys: the MySQL Operator's
 * kinds (Argo CD ships none for them) and Applications, whose built-in check Argo CD removed.
 */
export const HEALTH_CHECKS: readonly HealthCheck[] = [
  { group: 'mysql.oracle.com', kind: 'InnoDBCluster', file: 'innodb-cluster.lua' },
  { group: 'mysql.oracle.com', kind: 'MySQLBackup', file: 'mysql-backup.lua' },
  { group: 'argoproj.io', kind: 'Application', file: 'application.lua' },
];

/** The argocd-cm key under which Argo CD looks for the health check of a kind. */
export function healthCheckKey(check: Pick<HealthCheck, 'group' | 'kind'>): string {
  return `resource.customizations.health.${check.group}_${check.kind}`;
}

/** The Lua source of a health check. */
export function readHealthCheck(check: Pick<HealthCheck, 'file'>): string {
  return readFileSync(new URL(`./health/${check.file}`, import.meta.url), 'utf8');
}

/** Every health check as argocd-cm entries, by key. */
export function healthCheckEntries(
  checks: readonly HealthCheck[] = HEALTH_CHECKS,
): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [healthCheckKey(check), readHealthCheck(check)]));
}
