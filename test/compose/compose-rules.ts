import { type ComposeFile, environmentOf, healthCommandOf } from './compose-file.js';

/** Variable names whose values are secrets: passwords, keys, tokens and the session keys. */
const SECRET_NAME = /(PASSWORD|_KEY|_KEYS|SECRET|TOKEN)$/;

/** Where the local stack's secret files live, relative to the Compose file. */
const SECRETS_FOLDER = './secrets/';

/**
 * Every secret the Compose file would carry itself: a secret-named variable with a value (its
 * `_FILE` form is the way in), a URL with a password, or a Compose secret that does not come
 * from a file under ./secrets/.
 */
export function inlineSecrets(compose: ComposeFile): string[] {
  const problems: string[] = [];

  for (const [serviceName, service] of Object.entries(compose.services)) {
    for (const [name, value] of environmentOf(service)) {
      if (SECRET_NAME.test(name) && value !== undefined && value !== '') {
        problems.push(`services.${serviceName}.environment.${name} holds a value`);
      }
      if (value !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(value)) {
        problems.push(`services.${serviceName}.environment.${name} has a password in its URL`);
      }
    }
  }

  for (const [name, secret] of Object.entries(compose.secrets ?? {})) {
    if (secret.file === undefined || !secret.file.startsWith(SECRETS_FOLDER)) {
      problems.push(`secrets.${name} does not come from a file under ${SECRETS_FOLDER}`);
    }
  }

  return problems;
}

/**
 * What is wrong with a MySQL health check that should pass only against the real server: it
 * must query over TCP on 127.0.0.1, which the image's temporary start-up server
 * (--skip-networking) does not listen on, and never use the socket or a mere ping.
 */
export function healthCheckProblems(compose: ComposeFile, serviceName: string): string[] {
  const service = compose.services[serviceName];
  const command = service === undefined ? '' : healthCommandOf(service);
  const problems: string[] = [];

  if (command === '') {
    return [`services.${serviceName} has no health check`];
  }
  if (!/(^|\s)mysql\s/.test(command)) {
    problems.push('does not run the mysql client');
  }
  if (!/--protocol=tcp/i.test(command)) {
    problems.push('does not force --protocol=TCP');
  }
  if (!/(--host=|-h\s*)127\.0\.0\.1/.test(command)) {
    problems.push('does not connect to 127.0.0.1');
  }
  if (!/(--execute=|-e\s*)['"]?SELECT/i.test(command)) {
    problems.push('runs no query');
  }
  if (/mysqladmin|--socket|localhost/.test(command)) {
    problems.push('may use the socket, where the temporary server answers');
  }

  return problems.map((problem) => `services.${serviceName}.healthcheck ${problem}`);
}
