import { z } from 'zod';
import { byteQuantity, dnsSubdomain } from './quantities.js';
import { cronSchedule } from './schedules.js';

/** Versions as the InnoDBCluster CRD's `version` pattern takes them. */
const mysqlVersion = z.string().regex(/^\d+\.\d+\.\d+(-.+)?$/, { error: 'must look like 9.1.0' });

const backupSettings = z
  .strictObject({
    schedule: cronSchedule.default('0 2 * * *').describe('When a dump starts, as a cron line.'),
    timeZone: z
      .string()
      .default('Etc/UTC')
      .describe('IANA time zone that the schedule is read in.'),
    retentionDays: z
      .int()
      .min(1)
      .default(7)
      .describe('Dumps older than this many days are deleted by a daily pruning CronJob.'),
    storage: byteQuantity
      .default('20Gi')
      .describe('Size of the PersistentVolumeClaim that holds the dumps.'),
    storageClassName: dnsSubdomain
      .optional()
      .describe('StorageClass of the dump volume; unset means the default StorageClass.'),
  })
  .describe(
    'Scheduled logical backups (MySQL Shell dumpInstance) to a PersistentVolumeClaim in the ' +
      'namespace, pruned after retentionDays.',
  );

const operatorDatabase = z
  .strictObject({
    mode: z.literal('operator').describe('MySQL InnoDB Cluster run by the MySQL Operator.'),
    instances: z
      .int()
      .min(1)
      .max(9)
      .default(1)
      .describe('Number of MySQL server instances (group replication members).'),
    routerInstances: z
      .int()
      .min(1)
      .default(1)
      .describe('Number of MySQL Router pods in front of the servers.'),
    storage: byteQuantity.default('2Gi').describe("Size of each server's data volume."),
    storageClassName: dnsSubdomain
      .optional()
      .describe('StorageClass of the data volumes; unset means the default StorageClass.'),
    version: mysqlVersion
      .default('9.1.0')
      .describe('MySQL Server and Router version; one that the installed operator supports.'),
    imageRepository: z
      .string()
      .optional()
      .describe(
        'Private mirror of container-registry.oracle.com/mysql (community-server, ' +
          'community-router and community-operator images), pulled with the image pull Secret.',
      ),
    backup: backupSettings.optional(),
  })
  .describe('A database inside the cluster: an InnoDBCluster of the MySQL Operator.');

const managedDatabase = z
  .strictObject({
    mode: z
      .literal('managed')
      .describe('A managed MySQL outside the cluster, such as Amazon RDS for MySQL.'),
    cidr: z
      .cidrv4()
      .describe(
        'Addresses the database endpoint may have (its subnets), which app and migration pods ' +
          'may reach on `port`.',
      ),
    port: z.int().min(1).max(65535).default(3306).describe('TCP port of the database.'),
    caBundle: z
      .strictObject({
        configMapName: dnsSubdomain
          .default('rds-ca-bundle')
          .describe('ConfigMap, created outside git, holding the CA bundle.'),
        key: z
          .string()
          .default('global-bundle.pem')
          .describe('Key of the PEM bundle inside the ConfigMap.'),
      })
      .prefault({})
      .describe('CA certificates that verify the database server (DATABASE_TLS=verify).'),
  })
  .describe(
    'A managed database. Host, port, accounts and passwords come from the secret store; the ' +
      'connection uses TLS and verifies the server certificate.',
  );

/** Where the app's MySQL database runs and how it is sized. */
export const databaseSettings = z
  .discriminatedUnion('mode', [operatorDatabase, managedDatabase])
  .describe('The MySQL database: `mode: operator` (in the cluster) or `mode: managed`.');

/** Database settings with defaults applied. */
export type DatabaseSettings = z.output<typeof databaseSettings>;

/** Settings of an in-cluster InnoDBCluster. */
export type OperatorDatabaseSettings = Extract<DatabaseSettings, { mode: 'operator' }>;

/** Settings of a managed database outside the cluster. */
export type ManagedDatabaseSettings = Extract<DatabaseSettings, { mode: 'managed' }>;
