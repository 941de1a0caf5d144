/**
 * Child process of test/store/multiprocess-pg.test.ts and bench/store.mjs: opens its own store
 * (its own connection pool or SQLite connection, like one app instance) and appends COUNT
 * acknowledgements, each in its own transaction as in production.
 *
 *   tsx test/store/multiprocess-worker.ts '<createStore options as JSON>' WORKER COUNT
 */
import { createStore } from '../../src/store';
import type { StoreOptions } from '../../src/store/types';

async function main(): Promise<void> {
  const [optionsJson, worker, countArg] = process.argv.slice(2);
  if (!optionsJson || !worker || !countArg) throw new Error('usage: multiprocess-worker OPTIONS_JSON WORKER COUNT');
  const store = await createStore({ ...(JSON.parse(optionsJson) as StoreOptions), migrate: false });
  const n = Number(countArg);
  try {
    for (let i = 0; i < n; i++) {
      await store.acknowledgements.append({
        userId: `user-${worker}`,
        policyVersion: 'p1',
        noticeText: 'This post will be public.',
        noticeVersion: 'n1',
        locale: 'en-US',
        method: 'json',
        reason: 'intended',
        contentHash: store.hmac(`${worker}:${i}`),
        fields: ['body'],
        findings: [],
        action: 'warn',
        tokenId: `mp-${worker}-${i}`,
      });
    }
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
  process.exit(1);
});
