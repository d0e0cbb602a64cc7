/**
 * Where and as whom a client reaches a MySQL database from inside the cluster. The password is
 * never part of it: only the Secret and key that hold it.
 */
export interface DatabaseConnection {
  /** DNS name of the Service that clients connect to. */
  readonly host: string;

  /** TCP port of that Service. */
  readonly port: number;

  /** Name of the database (schema) the client uses. */
  readonly database: string;

  /** MySQL account the client logs in as. */
  readonly user: string;

  /** Name of the Secret that holds the account's password. */
  readonly passwordSecretName: string;

  /** Key of the password inside that Secret. */
  readonly passwordSecretKey: string;
}

/**
 * Formats a connection as a `mysql://user@host:port/database` URL, without a password, so that
 * the URL can live in plain configuration while the password comes from a Secret.
 */
export function toMysqlUrl(connection: DatabaseConnection): string {
  const user = encodeURIComponent(connection.user);
  const database = encodeURIComponent(connection.database);

  return `mysql://${user}@${connection.host}:${connection.port}/${database}`;
}
