import { z } from 'zod';

/**
 * A Kubernetes quantity of bytes in binary units, as a storage request or memory size takes it
 * (`512Mi`, `20Gi`).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export const byteQuantity = z
  .string()
  .regex(/^[1-9]\d*(Ki|Mi|Gi|Ti)$/, { error: 'must be a whole number with Ki, Mi, Gi or Ti' });

/**
 * A Kubernetes CPU quantity in millicores or cores (`100m`, `2`).
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu
 */
export const cpuQuantity = z
  .string()
  .regex(/^([1-9]\d*m|\d+(\.\d+)?)$/, { error: 'must be millicores (250m) or cores (0.5, 2)' });

/** A DNS-1123 label: what Kubernetes accepts as the name of a namespace or a Service. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: 'must be lower-case letters, digits and dashes, starting and ending alphanumeric',
  })
  .max(63);

/** A DNS-1123 subdomain: what Kubernetes accepts as the name of most objects. */
export const dnsSubdomain = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
    error: 'must be lower-case letters, digits, dashes and dots, starting and ending alphanumeric',
  })
  .max(253);

const BINARY_UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** The number of bytes of a quantity that `byteQuantity` accepted. */
export function toBytes(quantity: string): number {
  const unit = quantity.slice(-2);

  return Number(quantity.slice(0, -2)) * (BINARY_UNITS[unit] ?? Number.NaN);
}
