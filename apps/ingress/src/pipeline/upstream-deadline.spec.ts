import { abortCompletion } from '../upstream/upstream-url';
import { upstreamDeadline } from './upstream-deadline';

describe('upstreamDeadline', () => {
  it('Given no client abort, When the deadline passes, Then the signal aborts as a timeout', async () => {
    const deadline = upstreamDeadline(5);

    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(deadline.signal.aborted).toBe(true);
    expect(abortCompletion(deadline.signal)).toBe('timeout');
  });

  it('Given a client that goes away, When it aborts, Then the signal aborts as a client abort', () => {
    const client = new AbortController();
    const deadline = upstreamDeadline(60_000, client.signal);

    client.abort();

    expect(deadline.signal.aborted).toBe(true);
    expect(abortCompletion(deadline.signal)).toBe('client_aborted');
    deadline.dispose();
  });

  it('Given a client already gone, When the deadline is made, Then its signal is aborted at once', () => {
    const client = new AbortController();
    client.abort();

    const deadline = upstreamDeadline(60_000, client.signal);

    expect(deadline.signal.aborted).toBe(true);
    deadline.dispose();
  });

  it('Given a finished call, When it is disposed, Then neither the deadline nor a later client abort fires', async () => {
    const client = new AbortController();
    const deadline = upstreamDeadline(5, client.signal);

    deadline.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    client.abort();

    expect(deadline.signal.aborted).toBe(false);
  });
});
