// The baselines of bench/api, run in their own process like the server: a bare Fastify
// hello-world at /hello, and, when a file is named, its bytes as JSON at /static (the same answer
// the real server gives, sent by bare Fastify: what the payload alone costs).
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const file = process.argv[2];
const body = file ? readFileSync(file) : null;
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
if (body) app.get('/static', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${address}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
