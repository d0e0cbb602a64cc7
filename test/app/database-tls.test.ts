import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAuthority, makeServerCertificate } from '../support/certificates.js';
import {
  connectToServer,
  startThrowawayServer,
  type ThrowawayServer,
} from '../support/mysql-server.js';
import { startTestApp } from '../support/test-app.js';

/** Starts a server presenting `certificate`, with an account that may only connect over TLS. */
async function startTlsServer(ca: string, certificate: { certificate: string; key: string }) {
  const server = await startThrowawayServer([
    `--ssl-ca=${ca}`,
    `--ssl-cert=${certificate.certificate}`,
    `--ssl-key=${certificate.key}`,
  ]);
  const connection = await connectToServer(server.url);
  await connection.query('CREATE DATABASE tls');
  // Like a managed database's accounts, this one is refused without TLS.
  await connection.query("CREATE USER 'tls'@'%' IDENTIFIED BY 'tls-password' REQUIRE SSL");
  await connection.query("GRANT ALL ON tls.* TO 'tls'@'%'");
  await connection.end();
  return server;
}

/** Starts the app against `server` as the TLS-only account and answers its readiness. */
async function readiness(
  server: ThrowawayServer,
  environment: Record<string, string>,
): Promise<number | string> {
  try {
    const app = await startTestApp({
      DATABASE_URL: `mysql://tls@localhost:${server.port}/tls`,
      DATABASE_PASSWORD: 'tls-password',
      ...environment,
    });
    try {
      return (await fetch(`${app.url}/readyz`)).status;
    } finally {
      await app.stop();
    }
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('database TLS', function () {
  this.timeout(120_000);
  let dir: string;
  let ca: string;
  let named: ThrowawayServer;
  let misnamed: ThrowawayServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'db-tls-'));
    const authority = makeAuthority(dir);
    ca = authority.certificate;
    named = await startTlsServer(ca, makeServerCertificate(dir, authority, 'localhost'));
    misnamed = await startTlsServer(ca, makeServerCertificate(dir, authority, 'db.example.com'));
  });

  after(async () => {
    await named?.destroy();
    await misnamed?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('connects over TLS when the certificate verifies against the CA and names the host', async () => {
    const verified = { DATABASE_TLS: 'verify', DATABASE_TLS_CA_FILE: ca };

    assert.equal(await readiness(named, verified), 200);
  });

  it('refuses a certificate that does not chain to a trusted CA', async () => {
    const outcome = await readiness(named, { DATABASE_TLS: 'verify' });

    // mysql2 reports a failed certificate check as HANDSHAKE_SSL_ERROR.
    assert.match(String(outcome), /HANDSHAKE_SSL_ERROR|CERT/);
  });

  it('refuses a certificate from the trusted CA issued for another host', async () => {
    const outcome = await readiness(misnamed, { DATABASE_TLS: 'verify', DATABASE_TLS_CA_FILE: ca });

    assert.match(String(outcome), /HANDSHAKE_SSL_ERROR|ALTNAME|CERT/);
  });

  it('cannot use an account that requires TLS without it', async () => {
    const outcome = await readiness(named, { DATABASE_TLS: 'off' });

    assert.notEqual(outcome, 200);
  });
});
