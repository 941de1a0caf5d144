/**
 * Child process of test/store/multiprocess-pg.test.ts and bench/store.mjs: opens its own store
 * (its own connection pool or SQLite connection, like one app instance) and appends COUNT
 * acknowledgements, each in its own transaction as in production.
 *
 *   tsx test/store/multiprocess-worker.ts '<createStore options as JSON>' WORKER COUNT [BARRIER_DIR]
 *
 * With BARRIER_DIR, the worker writes BARRIER_DIR/ready-WORKER once its store is open and waits
 * for BARRIER_DIR/go before its first append, so that every worker writes at the same time
 * whatever their start-up times.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore } from '../../src/store';
import type { StoreOptions } from '../../src/store/types';

async function main(): Promise<void> {
  const [optionsJson, worker, countArg, barrier] = process.argv.slice(2);
  if (!optionsJson || !worker || !countArg) throw new Error('usage: multiprocess-worker OPTIONS_JSON WORKER COUNT [BARRIER_DIR]');
  const store = await createStore({ ...(JSON.parse(optionsJson) as StoreOptions), migrate: false });
  const n = Number(countArg);
  if (barrier) {
    writeFileSync(join(barrier, `ready-${worker}`), '');
    const deadline = Date.now() + 120_000;
    while (!existsSync(join(barrier, 'go'))) {
      if (Date.now() > deadline) throw new Error('the other workers never got ready');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
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
