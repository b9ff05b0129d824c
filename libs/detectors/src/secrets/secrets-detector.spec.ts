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

describe('secrets detector, by kind of labeled source', () => {
  const rules = (text: string): string[] => detectSecrets(text).map((f) => f.signals[0]);

  describe('Given provider-format tokens as rule test suites write them (gitleaks tps, Nosey Parker examples)', () => {
    it.each([
      ['slack_token', 'SLACK_BOT_TOKEN=xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1'],
      ['aws_access_key_id', '  aws_access_key_id: AKIAQ4T5ZW2LMDY7NB3E'],
      ['npm_token', '//registry.npmjs.org/:_authToken=npm_Fq8sT2vK9xZ3mB7nQ1wR5yL0pD4hJ6cE8gA2'],
      ['sendgrid_key', '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'],
    ])('When scanned (%s) Then the rule reports it', (rule, text) => {
      expect(rules(text)).toContain(`rule:${rule}`);
    });
  });

  describe('Given documentation placeholders in a provider format (gitleaks fps, Nosey Parker negatives)', () => {
    it.each([
      'ghp_' + 'x'.repeat(36),
      'PERPLEXITY_API_KEY=pplx-' + 'x'.repeat(48),
      'aws_access_key: AKIAIOSFODNN7EXAMPLE',
      'discord=' + '0'.repeat(32),
      'kubeadm join --token abcdef.0123456789abcdef',
      'const SNYK_TOKEN = "12345678-ABCD-ABCD-ABCD-1234567890AB"',
      'okta_api_token = 00' + 'a'.repeat(40),
    ])('When scanned %s Then nothing is reported', (text) => {
      expect(rules(text)).toEqual([]);
    });
  });

  describe('Given keyword assignments as detect-secrets tests write them', () => {
    it.each([
      ['string_init_secret', 'std::string secret("q7#Vd9!mLr2$wZ");'],
      ['string_init_secret', 'QString apiKey{"Zx9Qw3LmN7pR2tV8"};'],
      ['keyword_quoted_secret', 'password = "value with quotes and spaces"'],
      ['generic_keyword_secret', 'db_pass := Zx9Qw3LmN7pR2tV8'],
      ['yaml_keyword_secret', '{ db_pass: Zx9Qw3LmN7pR2tV8,\n  host: db }'],
    ])('When scanned (%s) Then the value is reported', (rule, text) => {
      expect(rules(text)).toContain(`rule:${rule}`);
    });

    it.each([
      'std::string password(getenv("DB_PASSWORD"));',
      'std::string secret("<your secret here>");',
      'password: ${link}',
      "CLOUD_APIKEY: 'insert_key_here'",
      'bypass: Zx9Qw3LmN7pR2tV8',
      'pass_through: Zx9Qw3LmN7pR2tV8,',
    ])('When the value is read at run time or is a placeholder (%s) Then nothing is reported', (text) => {
      expect(rules(text)).toEqual([]);
    });
  });

  describe('Given infrastructure identifiers (bucket names, AWS account ids; Nosey Parker reports them)', () => {
    it.each([
      ['s3_bucket_host', 'https://acme-backups-prod.s3.eu-west-1.amazonaws.com/db.dump'],
      ['s3_bucket_path', 'curl https://s3.amazonaws.com/acme-backups-prod/db.dump'],
      ['gcs_bucket_host', 'acme-ml-data.storage.googleapis.com'],
      ['bucket_uri', 'aws s3 cp dump.sql s3://acme-backups-prod/'],
      ['aws_s3_arn', '"Resource": "arn:aws:s3:::acme_backups_prod/*"'],
      [
        'aws_account_arn',
        'KeyId: arn:aws:kms:us-east-1:803084325827:key/84a66985-f968-4bac-82c2-365518adf157',
      ],
      ['aws_account_id', 'aws_account_id=891521536143'],
    ])(
      'When scanned (%s) Then it is reported as informational, below the default threshold',
      (rule, text) => {
        const f = detectSecrets(text).find((x) => x.signals[0] === `rule:${rule}`);
        expect(f?.signals).toContain('kind:infrastructure');
        expect(f?.score).toBeLessThan(0.5);
      },
    );

    it.each([
      'https://storage.googleapis.com',
      '.s3.amazonaws.com',
      'arn:aws:sns:us-east-1:111122223333:alerts',
      'arn:aws:iam::123456789012:user/alice is the format',
      'aws_account_id=123456789012',
      'arn:aws:s3:::${bucket_name}',
      's3.amazonaws.com/example-bucket',
      'arn:aws:iam::aws:policy/IAMUserChangePassword',
    ])(
      'When it is an endpoint, a documentation example or a template (%s) Then nothing is reported',
      (text) => {
        expect(rules(text)).toEqual([]);
      },
    );
  });
});
