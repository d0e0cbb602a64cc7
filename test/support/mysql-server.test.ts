import assert from 'node:assert/strict';
import { serverAnswers, startThrowawayServer } from './mysql-server.js';

describe('startThrowawayServer', () => {
  it('starts a private server from the binaries on PATH, restarts it, and removes it', async function () {
    this.timeout(120_000);

    const server = await startThrowawayServer();
    try {
      assert.equal(await serverAnswers(server.url), true);

      await server.stop();
      assert.equal(await serverAnswers(server.url, 500), false);
      await server.start();
      assert.equal(await serverAnswers(server.url), true);
    } finally {
      await server.destroy();
    }
    assert.equal(await serverAnswers(server.url, 500), false);
  });
});
