/** Zero-width, bidi controls and other invisible format characters removed before detection. */
export function isInvisibleControl(code: number): boolean {
  return (
    code === 0x00ad || // soft hyphen
    code === 0x034f ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) || // ZW space/joiners, LRM/RLM
    (code >= 0x202a && code <= 0x202e) || // bidi embeddings/overrides
    (code >= 0x2060 && code <= 0x2064) || // word joiner, invisible operators
    (code >= 0x2066 && code <= 0x2069) || // bidi isolates
    code === 0xfeff ||
    (code >= 0xfe00 && code <= 0xfe0f) // variation selectors
  );
}

/**
 * Common Latin look-alikes (Cyrillic, Greek, a few symbols). Fullwidth forms are handled by NFKC.
 * Deliberately small: folding is applied to the detection view only, never to the output.
 */
export const CONFUSABLES: ReadonlyMap<number, string> = new Map<number, string>(
  Object.entries({
    // Cyrillic lower
    а: 'a',
    в: 'b',
    е: 'e',
    ё: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    ѕ: 's',
    і: 'i',
    ї: 'i',
    ј: 'j',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    һ: 'h',
    ӏ: 'l',
    // Cyrillic upper
    А: 'A',
    В: 'B',
    Е: 'E',
    К: 'K',
    М: 'M',
    Н: 'H',
    О: 'O',
    Р: 'P',
    С: 'C',
    Т: 'T',
    У: 'Y',
    Х: 'X',
    Ѕ: 'S',
    І: 'I',
    Ј: 'J',
    Ԛ: 'Q',
    Ԝ: 'W',
    // Greek
    α: 'a',
    ο: 'o',
    ρ: 'p',
    ν: 'v',
    ι: 'i',
    κ: 'k',
    τ: 't',
    υ: 'u',
    χ: 'x',
    ε: 'e',
    Α: 'A',
    Β: 'B',
    Ε: 'E',
    Ζ: 'Z',
    Η: 'H',
    Ι: 'I',
    Κ: 'K',
    Μ: 'M',
    Ν: 'N',
    Ο: 'O',
    Ρ: 'P',
    Τ: 'T',
    Υ: 'Y',
    Χ: 'X',
    // Symbols and letter-likes
    ı: 'i',
    ℓ: 'l',
    '‐': '-',
    '‑': '-',
    '‒': '-',
    '–': '-',
    '—': '-',
    '‘': "'",
    '’': "'",
    '“': '"',
    '”': '"',
  }).map(([k, v]) => [k.codePointAt(0) ?? 0, v]),
);
