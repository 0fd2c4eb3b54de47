// One API replica for queue.int.test.ts: the built API (dist, as `node dist/main.js` runs it) with
// two test jobs besides the product's own. Plain JavaScript, so it is never compiled into dist.
import { createOrm, loadConfig, startApiServer } from '../../../dist/index.js';

const table = process.env.PROBE_TABLE;
if (!table || !/^[a-z_][a-z0-9_.]*$/.test(table)) throw new Error('PROBE_TABLE is required');

async function record(orm, job, context) {
  await orm.em
    .getConnection()
    .execute(`insert into ${table} (job, job_id, attempt, pid, trigger) values (?, ?, ?, ?, ?)`, [
      job,
      context.jobId,
      context.retryCount,
      process.pid,
      context.trigger,
    ]);
}

const probe = {
  name: 'test.probe',
  title: 'Проверка: раз в минуту',
  schedule: { cron: '* * * * *', timeZone: 'UTC' },
  retry: { limit: 0, delaySeconds: 1 },
  timeoutSeconds: 60,
  async handler(context) {
    await record(context.orm, 'test.probe', context);
    return { pid: process.pid };
  },
};

const failing = {
  name: 'test.failing',
  title: 'Проверка: всегда с ошибкой',
  schedule: null,
  retry: { limit: 2, delaySeconds: 1 },
  timeoutSeconds: 60,
  async handler(context) {
    await record(context.orm, 'test.failing', context);
    throw new Error(`Проверочная ошибка, попытка ${context.retryCount + 1}`);
  },
};

const config = loadConfig(process.env);
const orm = await createOrm(config);
const server = await startApiServer({ config, orm, port: 0, extraJobs: [probe, failing] });
process.send({ ready: true, port: server.port, pid: process.pid });

process.on('message', async (message) => {
  if (message?.cmd === 'runNow') {
    try {
      process.send({ id: message.id, run: await server.jobs.runNow(message.name, { timeoutMs: 60_000 }) });
    } catch (error) {
      process.send({ id: message.id, error: String(error) });
    }
  } else if (message?.cmd === 'stop') {
    await server.stop();
    await orm.close();
    process.exit(0);
  }
});
