/**
 * The seconds in a duration as Go's time.ParseDuration writes whole hours, minutes and seconds
 * (`180s`, `1h30m`), the form Argo CD and Argo Rollouts read; undefined for anything else,
 * including fractions and larger units.
 */
export function goDurationSeconds(duration: string): number | undefined {
  const match = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);

  if (match === null) {
    return undefined;
  }

  const [hours = '0', minutes = '0', seconds = '0'] = match.slice(1).map((part) => part ?? '0');

  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}
