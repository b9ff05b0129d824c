import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { chainHash, eventHash, type HashedFields } from './event-hash';

/** The digest as the trail has always computed it (Hash object, UTF-8 text). */
const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const fields = (text: string): HashedFields => ({
  id: `evt_${text}`,
  type: 'warden.decisions.decision.recorded.v1',
  source: 'warden/ingress',
  subject: text,
  time: '2026-11-26 09:00:00.123',
  orgid: 'org_1',
  principalid: 'prn_1',
  correlationid: '',
  causationid: '',
  traceparent: '',
  data: JSON.stringify({ note: text }),
});

describe('event hashes', () => {
  it('Given a known event, When hashed, Then the digests are the ones stored trails hold (computed with sha256sum)', () => {
    const hashed = eventHash(fields('a'));

    expect(hashed).toBe('2bb7b8bca1539da52be15566f3badb66283db5d4e9d0808a636f3320c8a31295');
    expect(chainHash('', hashed)).toBe('0907b6b58e114a6cc339413b3cab4b252cd1f1c65f21ee3c32bf4f75bd9a4bc2');
  });

  it('Given any text, unicode included (property), When hashed, Then the digest equals the SHA-256 of its canonical UTF-8 form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (text, prev) => {
        const row = fields(text);
        const canonical = JSON.stringify([
          row.id,
          row.type,
          row.source,
          row.subject,
          row.time,
          row.orgid,
          row.principalid,
          row.correlationid,
          row.causationid,
          row.traceparent,
          row.data,
        ]);
        return (
          eventHash(row) === reference(canonical) && chainHash(prev, text) === reference(`${prev}:${text}`)
        );
      }),
    );
  });
});
