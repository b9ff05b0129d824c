/** A range of the text that a human reader would not see rendered (comments, hidden styles, alt text). */
export interface HiddenSegment {
  readonly start: number;
  readonly end: number;
  readonly kind: 'html_comment' | 'hidden_style' | 'alt_text' | 'markdown_comment';
}

const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
const HIDDEN_STYLE =
  /<([a-z][a-z0-9]*)\b[^>]*?style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent))[^"']*["'][^>]*>([\s\S]*?)<\/\1\s*>/gi;
const HIDDEN_ATTR = /<([a-z][a-z0-9]*)\b[^>]*?\bhidden\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;
const ALT_ATTR = /\b(?:alt|title|aria-label)\s*=\s*(["'])([^"']{3,}?)\1/gi;
const MD_IMAGE_ALT = /!\[([^\]\n]{3,})\]/g;
const MD_COMMENT = /^\s*\[(?:\/\/|comment)\]:\s*#\s*\(([^)\n]*)\)/gim;

function collect(
  text: string,
  re: RegExp,
  group: number,
  kind: HiddenSegment['kind'],
  out: HiddenSegment[],
): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const inner = m[group];
    if (inner === undefined || inner.trim().length === 0) continue;
    const start = m.index + m[0].indexOf(inner);
    out.push({ start, end: start + inner.length, kind });
    if (m[0].length === 0) re.lastIndex++;
  }
}

export function findHiddenSegments(text: string): HiddenSegment[] {
  const out: HiddenSegment[] = [];
  if (text.includes('<!--')) collect(text, HTML_COMMENT, 1, 'html_comment', out);
  if (text.includes('<')) {
    collect(text, HIDDEN_STYLE, 2, 'hidden_style', out);
    collect(text, HIDDEN_ATTR, 2, 'hidden_style', out);
  }
  if (text.includes('=')) collect(text, ALT_ATTR, 2, 'alt_text', out);
  if (text.includes('![')) collect(text, MD_IMAGE_ALT, 1, 'alt_text', out);
  if (text.includes(']:')) collect(text, MD_COMMENT, 1, 'markdown_comment', out);
  return out;
}
