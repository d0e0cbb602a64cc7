import { releaseTestDatabase } from './test-database.js';

/** Root hooks: whatever the run set up once is released once, after the last test. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await releaseTestDatabase();
  },
};
