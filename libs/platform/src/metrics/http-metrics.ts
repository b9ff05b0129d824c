import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry (its own, not prom-client's global one, so several apps in one
 * test process never collide) with default Node metrics and the HTTP request duration histogram.
 */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requestDuration: Histogram<'route' | 'method' | 'status_code'>;

  constructor(serviceName: string) {
    this.registry.setDefaultLabels({ service: serviceName });
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route pattern, method and status code',
      labelNames: ['route', 'method', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** `route` is the pattern (`/v1/orgs/:org`), never the raw URL, to keep label cardinality bounded. */
  observe(route: string, method: string, statusCode: number, seconds: number): void {
    this.requestDuration.observe({ route, method, status_code: String(statusCode) }, seconds);
  }
}
