import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP ceiling for the cached-read benchmark: a bare Node.js `http` server that answers every
 * request with `BENCH_BODY` as JSON. It runs in its own process, as the app does, so that neither
 * shares an event loop with the load generator. Prints its URL on one line.
 */
const body = process.env.BENCH_BODY ?? '{}';
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.end(body);
});

server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
