/** The upstream URL for a path under the resource's base URL; never another origin. */
export function upstreamUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const url = new URL(path.replace(/^\/+/, ''), base);
  if (url.origin !== base.origin) throw new Error('the path leaves the resource upstream');
  return url;
}

export function upstreamHeaders(credential: string | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...(credential !== undefined && { authorization: `Bearer ${credential}` }),
  };
}

export function abortCompletion(signal: AbortSignal): 'client_aborted' | 'timeout' {
  const reason: unknown = signal.reason;
  return reason instanceof DOMException && reason.name === 'TimeoutError' ? 'timeout' : 'client_aborted';
}
