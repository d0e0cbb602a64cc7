import { createHash } from 'node:crypto';

/** Pod template annotation that carries the checksum of the pod's configuration. */
export const CONFIG_CHECKSUM_ANNOTATION = 'checksum/config';

/**
 * A SHA-256 of configuration data, independent of key order. Put on a pod template, it changes
 * the template whenever the data changes, so the Deployment rolls its pods: a ConfigMap read
 * through env vars is otherwise read only when a container starts.
 */
export function configChecksum(data: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(data)
    .sort()
    .map((key) => [key, data[key]]);

  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
