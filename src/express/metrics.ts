/**
 * Optional prom-client counters for the publish flow. Registered once per Registry; a second
 * preflight() on the same Registry reuses them.
 *
 * prom-client is an optional peer dependency: it is loaded only when a registry is passed, and
 * then it is the host's own copy (the one its Registry comes from), so one `/metrics` shows all.
 */
import type { Counter as PromCounter } from 'prom-client';
import { PreflightError } from '../errors';
import type { StatEvent } from '../store/types';

/**
 * The part of a prom-client `Registry` used here (`new Registry()` or prom-client's default
 * `register`); structural, so the types never require prom-client to be installed.
 */
export interface MetricsRegistry {
  getSingleMetric(name: string): unknown;
  registerMetric(metric: never): void;
}

export interface PreflightMetrics {
  /** One count per flow event (scanned, allowed, warned, acknowledged, edited_away, blocked, held). */
  event(event: StatEvent, reason?: string): void;
  /** One count per flagged finding, by type and policy action. */
  finding(type: string, action: string): void;
  /** Failures answered with 5xx (store_unavailable, scan_failed) or fail-open passes. */
  failure(code: string): void;
}

export const METRIC_NAMES = {
  events: 'pii_preflight_events_total',
  findings: 'pii_preflight_findings_total',
  failures: 'pii_preflight_failures_total',
} as const;

interface CounterLike<T extends string> {
  inc(labels: Partial<Record<T, string>>): void;
}

let promClient: { Counter: typeof PromCounter } | undefined;
function loadPromClient(): { Counter: typeof PromCounter } {
  if (!promClient) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      promClient = require('prom-client') as { Counter: typeof PromCounter };
    } catch {
      throw new PreflightError('invalid_options', 'preflight: `metrics` needs the prom-client package (npm install prom-client).');
    }
  }
  return promClient;
}

function counter<T extends string>(registry: MetricsRegistry, name: string, help: string, labelNames: T[]): CounterLike<T> {
  const existing = registry.getSingleMetric(name) as Partial<CounterLike<T>> | undefined;
  if (existing && typeof existing.inc === 'function') return existing as CounterLike<T>;
  const { Counter } = loadPromClient();
  return new Counter<T>({ name, help, labelNames, registers: [registry as never] });
}

const NOOP: PreflightMetrics = { event: () => undefined, finding: () => undefined, failure: () => undefined };

/** Counters on `registry`, or a no-op when none is given. */
export function createMetrics(registry: MetricsRegistry | undefined): PreflightMetrics {
  if (!registry) return NOOP;
  const events = counter(registry, METRIC_NAMES.events, 'pii-preflight publish-flow events', ['event', 'reason']);
  const findings = counter(registry, METRIC_NAMES.findings, 'pii-preflight flagged findings by type and policy action', ['type', 'action']);
  const failures = counter(registry, METRIC_NAMES.failures, 'pii-preflight failures by error code', ['code']);
  return {
    event: (event, reason) => events.inc({ event, reason: reason ?? '' }),
    finding: (type, action) => findings.inc({ type, action }),
    failure: (code) => failures.inc({ code }),
  };
}
