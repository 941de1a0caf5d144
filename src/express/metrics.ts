/**
 * Optional prom-client counters for the publish flow. Registered once per Registry; a second
 * preflight() on the same Registry reuses them.
 */
import { Counter, type Registry } from 'prom-client';
import type { StatEvent } from '../store/types';

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

function counter<T extends string>(registry: Registry, name: string, help: string, labelNames: T[]): Counter<T> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<T>;
  return new Counter<T>({ name, help, labelNames, registers: [registry] });
}

const NOOP: PreflightMetrics = { event: () => undefined, finding: () => undefined, failure: () => undefined };

/** Counters on `registry`, or a no-op when none is given. */
export function createMetrics(registry: Registry | undefined): PreflightMetrics {
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
