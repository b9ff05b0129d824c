/** An upstream call's abort signal: the client going away, or the deadline passing. */
export interface UpstreamDeadline {
  readonly signal: AbortSignal;
  /** Clears the timer and the client listener; call it when the exchange is over. */
  dispose(): void;
}

/**
 * Like `AbortSignal.any([client, AbortSignal.timeout(ms)])`, but released when the call ends. Those keep a
 * timer (and, for `any`, weak references and a finalization registration) alive for the whole timeout —
 * two minutes per request by default — so at a thousand requests a second the heap held over a hundred
 * thousand dead calls' timers and closures, and every major GC walked them. The timeout aborts with a
 * `TimeoutError` DOMException, as `AbortSignal.timeout` does.
 */
export function upstreamDeadline(timeoutMs: number, client?: AbortSignal): UpstreamDeadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The upstream call timed out.', 'TimeoutError')),
    timeoutMs,
  );
  // The call it guards keeps the process busy; the timer alone must not.
  timer.unref();
  const onClientAbort = (): void => controller.abort(client?.reason);
  if (client?.aborted === true) controller.abort(client.reason);
  else client?.addEventListener('abort', onClientAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      client?.removeEventListener('abort', onClientAbort);
    },
  };
}
