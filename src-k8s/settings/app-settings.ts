import { z } from 'zod';
import { isPinnedImage } from '../constructs/image-reference.js';
import { byteQuantity, cpuQuantity, dnsSubdomain, toBytes } from './quantities.js';
import { rolloutSettings } from './rollout-settings.js';

/** Levels that the app's `LOG_LEVEL` accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const resourcesSettings = z
  .strictObject({
    cpuRequest: cpuQuantity
      .default('100m')
      .describe('CPU reserved for each app pod. There is no CPU limit, so idle CPU may be used.'),
    memoryRequest: byteQuantity.default('128Mi').describe('Memory reserved for each app pod.'),
    memoryLimit: byteQuantity
      .default('256Mi')
      .describe('Memory above which the app container is killed.'),
  })
  .refine((resources) => toBytes(resources.memoryLimit) >= toBytes(resources.memoryRequest), {
    error: 'must not be below memoryRequest',
    path: ['memoryLimit'],
  })
  .describe('CPU and memory of the app container.');

const autoscalingSettings = z
  .strictObject({
    minReplicas: z.int().min(1).describe('Fewest app pods the autoscaler keeps.'),
    maxReplicas: z.int().min(1).describe('Most app pods the autoscaler starts.'),
    targetCpuUtilization: z
      .int()
      .min(10)
      .max(100)
      .default(70)
      .describe('Average CPU use, in percent of the request, that the autoscaler aims for.'),
  })
  .refine((autoscaling) => autoscaling.maxReplicas >= autoscaling.minReplicas, {
    error: 'must not be below minReplicas',
    path: ['maxReplicas'],
  })
  .describe(
    'A HorizontalPodAutoscaler (autoscaling/v2) on CPU. When set, it owns the replica count and ' +
      '`replicas` is ignored.',
  );

const ingressSettings = z
  .strictObject({
    host: dnsSubdomain.describe('Public host name of the app.'),
    className: z.string().default('nginx').describe('IngressClass that serves the Ingress.'),
    tlsSecretName: dnsSubdomain.describe(
      'Secret of type kubernetes.io/tls with the certificate for `host`, made by cert-manager ' +
        'or by hand; never in git.',
    ),
    annotations: z
      .record(z.string(), z.string())
      .default({})
      .describe('Annotations of the Ingress, such as `cert-manager.io/cluster-issuer`.'),
  })
  .describe('An Ingress with TLS in front of the app. Also sets TRUST_PROXY=true.');

/** Settings of the app's workload in one cluster. */
export const appSettings = z
  .strictObject({
    image: z
      .string()
      .refine(isPinnedImage, { error: 'must carry a pinned tag or digest other than latest' })
      .describe('Image of the app with a pinned tag or digest, never `latest`.'),
    replicas: z.int().min(1).default(2).describe('Number of app pods when there is no autoscaler.'),
    resources: resourcesSettings.prefault({}),
    logLevel: z.enum(LOG_LEVELS).default('info').describe('Value of LOG_LEVEL.'),
    githubApiUrl: z
      .url({ protocol: /^https$/ })
      .default('https://api.github.com')
      .describe('Value of GITHUB_API_URL, the base URL of the GitHub REST API.'),
    signInRateLimit: z
      .int()
      .min(1)
      .default(10)
      .describe('Value of SIGN_IN_RATE_LIMIT: sign-in attempts per client address and minute.'),
    autoscaling: autoscalingSettings.optional(),
    maxUnavailable: z
      .int()
      .min(1)
      .optional()
      .describe(
        'When set, a PodDisruptionBudget lets voluntary disruptions (node drains) take at most ' +
          'this many app pods at once. Leave it unset for a single pod, which a budget would ' +
          'make undrainable.',
      ),
    spreadAcrossZones: z
      .boolean()
      .default(false)
      .describe(
        'Spread app pods evenly across zones (required) and nodes (preferred) with ' +
          'topologySpreadConstraints.',
      ),
    userNamespaces: z
      .boolean()
      .default(false)
      .describe(
        'Run app pods in their own user namespace (`hostUsers: false`); needs Kubernetes 1.33 ' +
          'or a cluster with the UserNamespacesSupport feature.',
      ),
    ingress: ingressSettings.optional(),
    rollout: rolloutSettings.optional(),
  })
  .describe('The app: its image, size, availability and how traffic reaches it.');

/** Settings of the app's workload in one cluster, with defaults applied. */
export type AppSettings = z.output<typeof appSettings>;
