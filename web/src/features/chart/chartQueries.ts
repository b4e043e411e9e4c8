import { runQuery, withdrawQuery, type ChartAnswer } from './chartApi';

/** A random id for a chart query; `crypto.getRandomValues` works on plain http too, unlike `randomUUID`. */
export function newQueryId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The chart queries in flight for one dataset. Each is sent with its own id, so that all of them can be withdrawn
 * at once when the Chart tab closes or the page is left: the request is aborted in the browser and withdrawn on the
 * server, which then stops computing it unless someone else waits for the same answer.
 */
export class ChartQueries {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly datasetId: string) {}

  async run(payload: unknown): Promise<ChartAnswer> {
    const queryId = newQueryId();
    const controller = new AbortController();
    this.running.set(queryId, controller);
    try {
      return await runQuery(this.datasetId, payload, controller.signal, queryId);
    } finally {
      this.running.delete(queryId);
    }
  }

  withdrawAll(): void {
    for (const [queryId, controller] of this.running) {
      controller.abort();
      withdrawQuery(this.datasetId, queryId);
    }
    this.running.clear();
  }
}
