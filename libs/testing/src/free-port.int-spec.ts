import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it('when asked for a port, then a server can listen on it at once', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    expect(server.address()).toMatchObject({ port });
    await new Promise((resolve) => server.close(resolve));
  });
});
