import { z } from 'zod';

/**
 * Five cron fields, as a CronJob schedule, an InnoDBCluster backup schedule and an Argo CD sync
 * window take them.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
 */
export const cronSchedule = z
  .string()
  .regex(/^(\S+\s+){4}\S+$/, { error: 'must be five cron fields, such as "0 2 * * *"' });

/**
 * A span of time in hours, minutes and seconds as Go's time.ParseDuration reads it (`64h`,
 * `1h30m`, `90s`), which is how Argo CD and Argo Rollouts read durations. Larger units (days)
 * are not accepted by either.
 */
export const goDuration = z
  .string()
  .regex(/^(?=\d)(\d+h)?(\d+m)?(\d+s)?$/, { error: 'must be hours, minutes, seconds: 2m, 1h30m' });

/** True when the runtime knows `zone` as an IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone such as `Europe/Brussels` or `Etc/UTC`. */
export const timeZone = z
  .string()
  .refine(isTimeZone, { error: 'must be an IANA time zone, such as Europe/Brussels' });
