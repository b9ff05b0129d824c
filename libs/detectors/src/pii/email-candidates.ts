import type { Candidate } from './pii-candidate';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:xn--[a-z0-9-]{2,30}|[A-Za-z]{2,24})(?![\w-]*@)\b/g;
const RESERVED_EMAIL_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|domain\.com|email\.com|yourdomain\.com|company\.com)$/i;
const PLACEHOLDER_LOCAL =
  /^(?:user(?:name)?|your[._-]?(?:email|name)|email|name|john\.?doe|jane\.?doe|someone|me|test|foo|bar|admin|noreply|no-reply)$/i;

export function findEmails(text: string, out: Candidate[]): void {
  if (!text.includes('@')) return;
  EMAIL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAIL.exec(text)) !== null) {
    const value = m[0];
    const at = value.indexOf('@');
    const domain = value.slice(at + 1);
    if (value.includes('..') || RESERVED_EMAIL_DOMAIN.test(domain)) continue;
    const placeholder = PLACEHOLDER_LOCAL.test(value.slice(0, at));
    out.push({
      type: 'EMAIL',
      start: m.index,
      end: m.index + value.length,
      score: placeholder ? 0.6 : 0.95,
      signals: ['email_syntax'],
      priority: 5,
    });
  }
}
