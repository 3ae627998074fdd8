// The start-up floor: a bare restify server answering /healthz, started the way the bot is (its own
// process, PORT from the environment), so `startup` compares the bot with the least an HTTP
// service on the same framework costs to start on this machine in the same run.
import restify from 'restify';

const server = restify.createServer({ name: 'bare' });
// Async, as the bot's handlers are: restify refuses a two-argument handler that is not.
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
// The CPU time used so far, read by `startup.cpu` as it reads the bot's (/bench/counters there).
server.get('/bench/counters', async (_req, res) => {
  res.send(200, { cpu: process.cpuUsage() });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
