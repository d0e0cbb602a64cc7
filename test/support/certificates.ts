import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM files of a private certificate authority. */
export interface TestAuthority {
  readonly certificate: string;
  readonly key: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

/** Makes a private certificate authority in `dir` with openssl. */
export function makeAuthority(dir: string): TestAuthority {
  const certificate = join(dir, 'ca.pem');
  const key = join(dir, 'ca-key.pem');
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Test CA'].concat([
      '-keyout',
      key,
      '-out',
      certificate,
    ]),
  );
  return { certificate, key };
}

/**
 * Makes a server certificate for the DNS name `name`, signed by `authority`.
 *
 * @returns the paths of the certificate and its key.
 */
export function makeServerCertificate(
  dir: string,
  authority: TestAuthority,
  name: string,
): { certificate: string; key: string } {
  const path = (suffix: string) => join(dir, `${name}.${suffix}`);
  writeFileSync(path('ext'), `subjectAltName=DNS:${name}\n`);
  openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`].concat([
      '-keyout',
      path('key.pem'),
      '-out',
      path('csr'),
    ]),
  );
  openssl(
    ['x509', '-req', '-in', path('csr'), '-CA', authority.certificate, '-CAkey']
      .concat([authority.key, '-CAcreateserial', '-days', '2', '-out', path('pem')])
      .concat(['-extfile', path('ext')]),
  );
  return { certificate: path('pem'), key: path('key.pem') };
}
