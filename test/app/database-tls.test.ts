import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectToServer,
  startThrowawayServer,
  type ThrowawayServer,
} from '../support/mysql-server.js';
import { startTestApp } from '../support/test-app.js';

describe('database TLS', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ThrowawayServer;
  let ca: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'db-tls-'));
    const path = (name: string) => join(dir, name);
    const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    await writeFile(path('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Test CA',
      '-keyout',
      path('ca-key.pem'),
      '-out',
      path('ca.pem'),
    ]);
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      path('server-key.pem'),
      '-out',
      path('server.csr'),
    ]);
    openssl(
      [
        'x509',
        '-req',
        '-in',
        path('server.csr'),
        '-CA',
        path('ca.pem'),
        '-CAkey',
        path('ca-key.pem'),
        '-CAcreateserial',
        '-days',
        '2',
        '-out',
        path('server.pem'),
        '-extfile',
        '/dev/stdin',
      ],
      'subjectAltName=IP:127.0.0.1\n',
    );
    ca = path('ca.pem');
    server = await startThrowawayServer([
      `--ssl-ca=${ca}`,
      `--ssl-cert=${path('server.pem')}`,
      `--ssl-key=${path('server-key.pem')}`,
    ]);
    const connection = await connectToServer(server.url);
    await connection.query('CREATE DATABASE tls');
    // The app's account may only connect over TLS, as a managed database's accounts can.
    await connection.query("CREATE USER 'tls'@'%' IDENTIFIED BY 'tls-password' REQUIRE SSL");
    await connection.query("GRANT ALL ON tls.* TO 'tls'@'%'");
    await connection.end();
  });

  after(async () => {
    await server?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  async function readiness(environment: Record<string, string>): Promise<number | string> {
    try {
      const app = await startTestApp({
        DATABASE_URL: server.url.replace('root@', 'tls@') + 'tls',
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

  it('connects over TLS when the server certificate verifies against the given CA', async () => {
    assert.equal(await readiness({ DATABASE_TLS: 'verify', DATABASE_TLS_CA_FILE: ca }), 200);
  });

  it('refuses a server whose certificate does not verify', async () => {
    const outcome = await readiness({ DATABASE_TLS: 'verify' });

    // mysql2 reports a failed certificate check as HANDSHAKE_SSL_ERROR.
    assert.match(String(outcome), /HANDSHAKE_SSL_ERROR|CERT/);
  });

  it('cannot sign in to an account that requires TLS without it', async () => {
    const outcome = await readiness({ DATABASE_TLS: 'off' });

    assert.notEqual(outcome, 200);
  });
});
