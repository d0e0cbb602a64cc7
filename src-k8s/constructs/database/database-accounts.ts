import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { syncWave, SyncWave } from '../argo-cd/sync-order.js';
import { type PodIdentity, restrictedContainerSecurityContext, tmpMount } from '../pod-security.js';
import type { MigrationPreparation } from './app-database.js';
import { secretEnv, type SecretKeyReference } from './database-connection.js';

/** Where the script is mounted in the init container. */
const SCRIPT_DIR = '/opt/database-accounts';

/** File name of the script in the ConfigMap. */
const SCRIPT_FILE = 'create-app-account.sh';

/**
 * Creates the app's database and account, or brings the password and grants up to date; safe
 * to run on every sync. The app may read and write rows and nothing else: only migrations
 * change the schema. The password is checked against a safe alphabet rather than escaped, since
 * it is pasted into SQL; MYSQL_PWD keeps the administrator's password off the process list
 * (the client still reads it, though MySQL marks it deprecated).
 */
const SCRIPT = `#!/bin/sh
set -eu

case "$APP_PASSWORD" in
  '' | *[!A-Za-z0-9+/=._~-]*)
    echo "the app's database password must be base64 or URL-safe characters only" >&2
    exit 1
    ;;
esac

export MYSQL_PWD="$ADMIN_PASSWORD"
deadline=$(( $(date +%s) + 900 ))
until mysql --host="$DATABASE_HOST" --port="$DATABASE_PORT" --user="$ADMIN_USER" \\
  --execute='SELECT 1' >/dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo 'the database did not answer within 15 minutes' >&2
    exit 1
  fi
  echo 'waiting for the database to accept connections'
  sleep 5
done

mysql --host="$DATABASE_HOST" --port="$DATABASE_PORT" --user="$ADMIN_USER" <<SQL
CREATE DATABASE IF NOT EXISTS \\\`$DATABASE_NAME\\\`
  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD';
ALTER USER '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD';
GRANT SELECT, INSERT, UPDATE, DELETE ON \\\`$DATABASE_NAME\\\`.* TO '$APP_USER'@'%';
SQL
echo "account $APP_USER is ready"
`;

/**
 * Props of `DatabaseAccounts`.
 */
export interface DatabaseAccountsProps {
  /**
   * Name of the ConfigMap that holds the script.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace of the ConfigMap.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of the ConfigMap.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Image with the `mysql` client and a POSIX shell, pinned.
   * @default - none; required
   */
  readonly clientImage: string;

  /**
   * Host and port of the server, reached as the administrator.
   * @default - none; required
   */
  readonly server: { readonly host: string; readonly port: number };

  /**
   * Administrator's user name and password.
   * @default - none; required
   */
  readonly admin: { readonly user: SecretKeyReference; readonly password: SecretKeyReference };

  /**
   * Database (schema) of the app.
   * @default - none; required
   */
  readonly databaseName: string;

  /**
   * Account of the app, and where its password is.
   * @default - none; required
   */
  readonly app: { readonly user: string; readonly password: SecretKeyReference };

  /**
   * User and group that the init container runs as.
   * @default - none; required
   */
  readonly identity: PodIdentity;
}

/**
 * The step that creates the app's least-privilege account with the administrator's
 * credentials, as an init container of the migration Job, and the ConfigMap with its script.
 */
export class DatabaseAccounts extends Construct {
  /** The init container and volume for the migration Job. */
  readonly preparation: MigrationPreparation;

  constructor(scope: Construct, id: string, props: DatabaseAccountsProps) {
    super(scope, id);

    new k8s.KubeConfigMap(this, 'script', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: syncWave(SyncWave.SECRET_SOURCES),
      },
      data: { [SCRIPT_FILE]: SCRIPT },
    });

    this.preparation = {
      initContainers: [
        {
          name: 'create-app-account',
          image: props.clientImage,
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', `${SCRIPT_DIR}/${SCRIPT_FILE}`],
          env: [
            { name: 'DATABASE_HOST', value: props.server.host },
            { name: 'DATABASE_PORT', value: String(props.server.port) },
            { name: 'DATABASE_NAME', value: props.databaseName },
            { name: 'APP_USER', value: props.app.user },
            secretEnv('ADMIN_USER', props.admin.user),
            secretEnv('ADMIN_PASSWORD', props.admin.password),
            secretEnv('APP_PASSWORD', props.app.password),
          ],
          resources: {
            requests: {
              cpu: k8s.Quantity.fromString('50m'),
              memory: k8s.Quantity.fromString('64Mi'),
            },
            limits: { memory: k8s.Quantity.fromString('128Mi') },
          },
          securityContext: restrictedContainerSecurityContext(props.identity),
          volumeMounts: [
            tmpMount(),
            { name: 'accounts-script', mountPath: SCRIPT_DIR, readOnly: true },
          ],
        },
      ],
      volumes: [{ name: 'accounts-script', configMap: { name: props.name } }],
    };
  }
}
