import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Resource } from '@warden/policy-engine';
import type { CredentialResolver } from '../pipeline/ports/upstream-exchange';

/** One connected MCP client per upstream resource, reused across requests; dropped when it fails. */
export class McpUpstreams {
  private readonly clients = new Map<string, Promise<Client>>();

  constructor(private readonly credentials: CredentialResolver) {}

  client(resource: Resource): Promise<Client> {
    const key = `${resource.id}|${resource.upstream.baseUrl}`;
    let held = this.clients.get(key);
    if (held === undefined) {
      held = this.connect(resource);
      this.clients.set(key, held);
      held.catch(() => this.clients.delete(key));
    }
    return held;
  }

  forget(resource: Resource): void {
    this.clients.delete(`${resource.id}|${resource.upstream.baseUrl}`);
  }

  async closeAll(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(all.map(async (c) => (await c).close()));
  }

  private async connect(resource: Resource): Promise<Client> {
    const credential = await this.credentials.resolve(resource.upstream.credentialRef);
    const transport = new StreamableHTTPClientTransport(new URL(resource.upstream.baseUrl), {
      requestInit: {
        headers: credential !== undefined ? { authorization: `Bearer ${credential}` } : {},
        redirect: 'error',
      },
    });
    const client = new Client({ name: 'warden-ingress', version: '0.1.0' });
    await client.connect(transport);
    return client;
  }
}
