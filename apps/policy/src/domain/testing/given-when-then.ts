/** Given past events, When a command is decided, Then the events (or the rejection) it yields. */
export function given<S, E>(initial: S, evolve: (state: S, event: E) => S, events: readonly E[]): S {
  return events.reduce(evolve, initial);
}

export function rejectionOf(run: () => unknown): { code: string; kind?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof Error && 'code' in error) {
      const e = error as Error & { code: string; kind?: string };
      return e.kind !== undefined ? { code: e.code, kind: e.kind } : { code: e.code };
    }
    throw error;
  }
  throw new Error('expected a rejection, got none');
}
