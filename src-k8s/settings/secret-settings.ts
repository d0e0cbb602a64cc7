import { z } from 'zod';

/** Secret names in Google Secret Manager and AWS Secrets Manager, as the prefix builds them. */
const keyPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, dashes and underscores' })
  .max(200)
  .describe(
    'Prefix of every secret in the store: `<prefix>-app`, `<prefix>-database-…` and so on, as ' +
      'clusters/<cluster>/README.md lists them.',
  );

const gcpSecretManager = z
  .strictObject({
    provider: z.literal('gcp-secret-manager').describe('Google Secret Manager.'),
    projectId: z
      .string()
      .min(1)
      .describe('Google Cloud project of the secrets and of the GKE cluster.'),
    clusterLocation: z.string().min(1).describe('Region or zone of the GKE cluster.'),
    clusterName: z.string().min(1).describe('Name of the GKE cluster.'),
    googleServiceAccount: z
      .email()
      .describe(
        'Google service account with roles/secretmanager.secretAccessor that the store ' +
          'impersonates through Workload Identity.',
      ),
    keyPrefix,
  })
  .describe('Google Secret Manager, reached through GKE Workload Identity.');

const awsSecretsManager = z
  .strictObject({
    provider: z.literal('aws-secrets-manager').describe('AWS Secrets Manager.'),
    region: z.string().min(1).describe('AWS region of the secrets.'),
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, { error: 'must be an IAM role ARN' })
      .describe(
        'IAM role, allowed secretsmanager:GetSecretValue on the secrets, that the store ' +
          'assumes through IAM Roles for Service Accounts.',
      ),
    keyPrefix,
  })
  .describe('AWS Secrets Manager, reached through IAM Roles for Service Accounts (IRSA).');

/** The external store that every Secret of a cluster comes from. */
export const secretStoreSettings = z
  .discriminatedUnion('provider', [gcpSecretManager, awsSecretsManager])
  .describe(
    'External store of the app, database and image pull secrets, read by the External Secrets ' +
      'Operator. Unset: those Secrets are created by hand (dev clusters only).',
  );

/** External store settings. */
export type SecretStoreSettings = z.output<typeof secretStoreSettings>;

const fromSecretStore = z
  .strictObject({
    source: z
      .literal('secret-store')
      .describe('A ready .dockerconfigjson kept in the secret store as `<prefix>-image-pull`.'),
  })
  .describe('Pull credentials kept in the secret store.');

const fromEcr = z
  .strictObject({
    source: z
      .literal('ecr')
      .describe("A short-lived token from ECR's GetAuthorizationToken, refreshed every 6 hours."),
    region: z.string().min(1).describe('AWS region of the ECR registry.'),
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, { error: 'must be an IAM role ARN' })
      .describe('IAM role allowed ecr:GetAuthorizationToken, assumed through IRSA.'),
  })
  .describe('Pull credentials generated from Amazon ECR.');

/** Where the credentials that pull private images come from. */
export const imagePullSecretSettings = z
  .discriminatedUnion('source', [fromSecretStore, fromEcr])
  .describe(
    'Credentials for a private registry, as the Secret `notifications-image-pull` that pods ' +
      'pull with. Unset: images are public or local and need none.',
  );

/** Image pull secret settings. */
export type ImagePullSecretSettings = z.output<typeof imagePullSecretSettings>;
