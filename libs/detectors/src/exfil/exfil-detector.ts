import type { Finding } from '../core/finding';

const INLINE = /(!?)\[([^\]\n]*)\]\(\s*<?((?:https?:)?\/\/[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_IMG = /<img\b[^>]*?\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi;
const REF_DEF = /(?:^|\n[ \t]*\n|^[ \t]*)[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*<?((?:https?:)?\/\/\S+?)>?(?=\s|$)/g;
const REF_USE = /(!?)\[([^\]\n]*)\]\[([^\]\n]*)\]/g;
const DATA_PLACEHOLDER =
  /\[(?:data|info|num|secret|summary|conversation|[A-Z_]{3,})\]|%5B[A-Z_]+%5D|\{[a-z_]+\}/i;
const SENSITIVE_WORDS = /conversation|summary|secret|password|token|history|chat|email|code|data|prompt|key/i;

export interface ExfilOptions {
  /** Hosts considered internal (never exfiltration), e.g. the tenant's own domains. */
  readonly allowedHosts?: readonly string[];
}

function hostOf(url: string): string | undefined {
  const m = /^(?:https?:)?\/\/([^/?#:@\s]+(?::[^/?#@\s]*)?@)?([^/?#:\s]+)/i.exec(url);
  return m?.[2]?.toLowerCase();
}

/** Evidence that a URL carries data: query values, key=value or @ in the path, placeholders, long encoded runs. */
export function urlDataSignals(url: string): string[] {
  const signals: string[] = [];
  const q = url.indexOf('?');
  const path = url.replace(/^(?:https?:)?\/\/[^/]+/, '').split('?')[0];
  if (q >= 0) {
    const query = url.slice(q + 1);
    const values = query
      .split('&')
      .map((kv) => kv.split('=')[1] ?? '')
      .filter((v) => v.length > 0);
    if (values.length > 0) signals.push('query_data');
    if (values.some((v) => v.length >= 24 || /%[0-9a-f]{2}|\+/i.test(v) || SENSITIVE_WORDS.test(v)))
      signals.push('query_payload');
  }
  if (/[=@]/.test(path)) signals.push('path_data');
  if (DATA_PLACEHOLDER.test(url)) signals.push('data_placeholder');
  if (/[A-Za-z0-9+/_-]{40,}/.test(path)) signals.push('encoded_path');
  return signals;
}

function allowed(host: string | undefined, allowedHosts: readonly string[]): boolean {
  if (host === undefined) return true;
  return allowedHosts.some((h) => host === h || host.endsWith('.' + h));
}

function score(isImage: boolean, signals: string[]): number {
  const strong =
    signals.includes('query_payload') ||
    signals.includes('path_data') ||
    signals.includes('data_placeholder') ||
    signals.includes('encoded_path');
  if (isImage) return strong ? 0.95 : 0.8;
  return strong ? 0.85 : 0.4;
}

/**
 * Markdown/HTML images (auto-rendered: the strongest channel) and links whose URL to an external
 * host carries data. Reference-style definitions count only when CommonMark would parse them.
 */
export function detectExfil(text: string, options: ExfilOptions = {}): Finding[] {
  const allowedHosts = options.allowedHosts ?? [];
  const out: Finding[] = [];
  if (!text.includes('](') && !text.includes('<img') && !text.includes(']:') && !text.includes('<IMG'))
    return out;
  const push = (start: number, end: number, isImage: boolean, url: string, channel: string): void => {
    if (allowed(hostOf(url), allowedHosts)) return;
    const signals = urlDataSignals(url);
    if (signals.length === 0) return;
    const s = score(isImage, signals);
    if (s < 0.5) return;
    out.push({ type: 'EXFILTRATION', start, end, score: s, signals: [channel, ...signals] });
  };
  let m: RegExpExecArray | null;
  INLINE.lastIndex = 0;
  while ((m = INLINE.exec(text)) !== null)
    push(
      m.index,
      m.index + m[0].length,
      m[1] === '!',
      m[3],
      m[1] === '!' ? 'markdown_image' : 'markdown_link',
    );
  HTML_IMG.lastIndex = 0;
  while ((m = HTML_IMG.exec(text)) !== null) push(m.index, m.index + m[0].length, true, m[1], 'html_image');
  if (text.includes(']:')) {
    const defs: Array<{ label: string; url: string; start: number; end: number }> = [];
    REF_DEF.lastIndex = 0;
    while ((m = REF_DEF.exec(text)) !== null) {
      const label = m[1];
      if (label.includes('"')) continue; // quoted fragments are concatenation debris, not a label
      const start = m.index + m[0].indexOf('[');
      defs.push({ label: label.toLowerCase(), url: m[2], start, end: m.index + m[0].length });
    }
    if (defs.length > 0) {
      REF_USE.lastIndex = 0;
      let anyImage = false;
      let anyUse = false;
      while ((m = REF_USE.exec(text)) !== null) {
        if (m[2].includes('"')) continue;
        anyUse = true;
        if (m[1] === '!') anyImage = true;
      }
      if (anyUse)
        for (const d of defs)
          push(d.start, d.end, anyImage, d.url, anyImage ? 'reference_image' : 'reference_link');
    }
  }
  return out;
}
