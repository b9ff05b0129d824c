import { detectSecrets } from './secrets-detector';

const found = (text: string): string[] => detectSecrets(text).map((f) => text.slice(f.start, f.end));

describe('secrets detector', () => {
  describe('Given provider keys, tokens, private keys and connection strings', () => {
    it.each([
      ['aws_access_key_id = AKIAZ3MSJV4WJ7BDEK2Q', 'AKIAZ3MSJV4WJ7BDEK2Q'],
      [
        'export GITHUB_TOKEN=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',
        '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',
      ],
      ['STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
      [
        'const k = "sk-ant-api03-' + 'a'.repeat(10) + 'Zx9_Qw3-' + 'b7C'.repeat(30) + '"',
        'sk-ant-api03-' + 'a'.repeat(10) + 'Zx9_Qw3-' + 'b7C'.repeat(30),
      ],
      [
        'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      ],
      ['DATABASE_URL=postgres://app:S3cr3tPw9x@db.internal:5432/app', 'S3cr3tPw9x'],
      ['db_password = "Tr0ub4dor&3-horse"', 'Tr0ub4dor&3-horse'],
    ])('When scanned %s Then the secret value is found', (text, value) => {
      expect(found(text)).toContain(value);
    });

    it('When a PEM private key is scanned Then the whole block is found', () => {
      const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi..Z1BjP5CE/Wm/Rr500P\nRK+Lh9x5eJPo5CAZ3/ANBE0sTK0ZsDGMak2m1g7aSZ3wYBJvyk0d9U1mQe\n-----END RSA PRIVATE KEY-----`;
      expect(detectSecrets(pem).some((f) => f.signals.some((s) => s.startsWith('rule:private_key')))).toBe(
        true,
      );
    });
  });

  describe('Given clean look-alikes (placeholders, env references, public keys)', () => {
    it.each([
      'password = "your_password"',
      'token: ${{ secrets.GITHUB_TOKEN }}',
      'api_key = os.environ["OPENAI_API_KEY"]',
      '-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----',
      'public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"',
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host',
      '"kms_key_id": "555ea4a3-d53a-4412-9c66-3a7cb667b0d6",',
      'sumOfExposures = sumOfExposures;',
      'curl -u username:password https://example.com',
    ])('When scanned %s Then nothing is reported', (text) => {
      expect(found(text)).toEqual([]);
    });
  });

  describe('Given GitHub and npm tokens, whose last 6 characters are a CRC-32 of the body', () => {
    const detect = (text: string) => detectSecrets(text)[0];

    it('When the checksum matches Then the token is reported with full confidence', () => {
      const f = detect('export GITHUB_TOKEN=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');
      expect(f?.signals).toContain('checksum:valid');
      expect(f?.score).toBe(0.99);
    });

    it('When the checksum does not match Then it is still reported, marked as made up and scored lower', () => {
      const f = detect('export GITHUB_TOKEN=ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1IM');
      expect(f?.signals).toContain('checksum:invalid');
      expect(f?.score).toBeLessThanOrEqual(0.9);
    });
  });

  describe('Given keyword assignments whose values contain quotes or PHP-like sequences', () => {
    it.each([
      [
        "jwtsecret: '7`D\"}/vYR)T;W5]EBrf;_&k>qX??]G&3CF=;@vyrVBp[$_hK4^?{qT/EglJe'",
        '7`D"}/vYR)T;W5]EBrf;_&k>qX??]G&3CF=;@vyrVBp[$_hK4^?{qT/EglJe',
      ],
      ["private_key = 'Zq8#kLm2Vx9!pR4t';", 'Zq8#kLm2Vx9!pR4t'],
    ])('When a random value contains $_ or is properly quoted (%s) Then it is found', (text, value) => {
      expect(found(text)).toContain(value);
    });

    it.each([
      'private_key "hopenobodyfindsthisone\';',
      '$pass = $_POST["password"];',
      'db_password = "x" . $_POST[\'pw\'];',
    ])(
      'When the value is not a string literal or is read from a request (%s) Then nothing is reported',
      (text) => {
        expect(found(text)).toEqual([]);
      },
    );
  });

  describe('Given a string literal in an API password argument', () => {
    it('When it is a weak word Then it is still the password', () => {
      const text = 'new DirectoryEntry("LDAP://10.0.0.1", "corp\\svc", "secret")';
      expect(found(text)).toEqual(['secret']);
    });

    it.each([
      'new DirectoryEntry("LDAP://10.0.0.1", "corp\\svc", "$pw")',
      'new DirectoryEntry("LDAP://h", "u", "<password>")',
    ])('When it is a variable or a template (%s) Then nothing is reported', (text) => {
      expect(found(text)).toEqual([]);
    });
  });

  describe('Given a credential handed over in prose (a model answer, a support chat)', () => {
    it.each([
      ['Here is your API key: 8f14e45fceea167a5a36dedd4bea2543', '8f14e45fceea167a5a36dedd4bea2543'],
      ['Your access token is 7d9f8a6b5c4e3d2f1a0b9c8d7e6f5a4b.', '7d9f8a6b5c4e3d2f1a0b9c8d7e6f5a4b'],
      ['The client secret for the staging app: Zx9Qw3LmN7pR2tV8yB4cD6fH1jK5', 'Zx9Qw3LmN7pR2tV8yB4cD6fH1jK5'],
    ])('When scanned %s Then the value is found', (text, value) => {
      expect(found(text)).toContain(value);
    });

    it.each([
      'I cannot provide an API key. You can create one in the dashboard under Settings.',
      'Your API key is YOUR_API_KEY_HERE; replace it before running the script.',
      'The access token is stored in localStorage and refreshed every 3600 seconds.',
      'API key: sk_test_redacted, token: ghp_Ky9Pf34qY6Nb..[Redacted]',
      'The password is ************ (hidden).',
      'Your token is a JSON Web Token signed with RS256 by the issuer.',
    ])('When scanned %s Then nothing is reported', (text) => {
      expect(found(text)).toEqual([]);
    });
  });
});
