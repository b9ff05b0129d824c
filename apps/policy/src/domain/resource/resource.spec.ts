import { given, rejectionOf } from '../testing/given-when-then';
import { decideResource, evolveResource, initialResource, type RegisterResource } from './resource';

const register: RegisterResource = {
  type: 'RegisterResource',
  resourceId: 'res_1',
  orgId: 'org_1',
  kind: 'mcp_server',
  name: 'files',
  upstream: { baseUrl: 'https://tools.example.test/mcp', credentialRef: 'env:FILES_TOKEN' },
  attributes: { labels: ['confidential'] },
};

describe('decideResource', () => {
  it('Given no resource, When registered, Then resource.registered carries the reference, not a credential', () => {
    const events = decideResource(register, initialResource);

    expect(events).toEqual([
      {
        type: 'warden.policy.resource.registered.v1',
        data: {
          resourceId: 'res_1',
          orgId: 'org_1',
          kind: 'mcp_server',
          name: 'files',
          upstream: { baseUrl: 'https://tools.example.test/mcp', credentialRef: 'env:FILES_TOKEN' },
          attributes: { labels: ['confidential'] },
        },
      },
    ]);
  });

  it('Given a registered resource, When registered again, Then it is rejected as existing', () => {
    const state = given(initialResource, evolveResource, decideResource(register, initialResource));

    expect(rejectionOf(() => decideResource(register, state))).toEqual({
      code: 'resource_exists',
      kind: 'conflict',
    });
  });

  it.each(['sk-live-123', 'env:', 'env:1BAD', 'file:relative/path', 'vault:secret'])(
    'Given no resource, When the credentialRef is %p, Then it is rejected: only env:/file: references',
    (credentialRef) => {
      const command = { ...register, upstream: { baseUrl: register.upstream.baseUrl, credentialRef } };

      expect(rejectionOf(() => decideResource(command, initialResource))).toEqual({
        code: 'credential_ref_invalid',
        kind: 'invalid',
      });
    },
  );

  it('Given a registration, When evolved, Then the state holds the resource', () => {
    const state = given(initialResource, evolveResource, decideResource(register, initialResource));

    expect(state).toMatchObject({ registered: true, id: 'res_1', orgId: 'org_1', kind: 'mcp_server' });
  });
});
