import { z } from 'zod';
import { dnsSubdomain } from './quantities.js';
import { cronSchedule, goDuration, timeZone } from './schedules.js';

const webhookIngressSettings = z
  .strictObject({
    host: dnsSubdomain.describe('Public host name that GitHub sends push events to.'),
    className: z.string().default('nginx').describe('IngressClass that serves the Ingress.'),
    tlsSecretName: dnsSubdomain
      .default('argocd-webhook-tls')
      .describe('Secret of type kubernetes.io/tls for `host` in the argocd namespace.'),
    annotations: z
      .record(z.string(), z.string())
      .default({})
      .describe('Annotations of the Ingress, such as `cert-manager.io/cluster-issuer`.'),
  })
  .describe(
    "A public Ingress that routes only `/api/webhook` to Argo CD's server, for GitHub push " +
      'webhooks; the UI and API stay private. Unset: Argo CD only polls.',
  );

const syncWindowSettings = z
  .strictObject({
    schedule: cronSchedule.describe('When the window opens, as a cron line.'),
    duration: goDuration.describe('How long it stays open, such as `64h` or `1h30m`.'),
    timeZone: timeZone.default('Etc/UTC').describe('IANA time zone that the schedule is read in.'),
  })
  .describe(
    "A deny window on the cluster's Argo CD project: while it is open, Argo CD makes no " +
      'automated sync (self-heal included) of any of its Applications; manual syncs from the UI ' +
      'or CLI stay allowed.',
  );

/** How the cluster's own Argo CD is installed and when it may sync on its own. */
export const argoCdSettings = z
  .strictObject({
    highAvailability: z
      .boolean()
      .default(false)
      .describe(
        "Install Argo CD's highly available manifests (replicated API server, repo server " +
          'and Redis); they need at least three nodes.',
      ),
    syncWindow: syncWindowSettings.optional(),
    webhookIngress: webhookIngressSettings.optional(),
  })
  .describe('The Argo CD that runs in the cluster and keeps it in sync with this repository.');

/** Argo CD settings with defaults applied. */
export type ArgoCdSettings = z.output<typeof argoCdSettings>;

/** A sync window with defaults applied. */
export type SyncWindowSettings = z.output<typeof syncWindowSettings>;
