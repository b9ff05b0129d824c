/**
 * A rough language label for training only (never used by the detector): whether a text is English,
 * and if not, its script. The dataset's `lang` field is used when present (PurpleLlama).
 */
const ENGLISH = new Set(
  (
    'the a an and or of to in on for with is are was were be it this that you your i me my we our can how ' +
    'what why when which do does not please write give make from as at by if then there their they he ' +
    'she his her have has will would should could about into'
  ).split(' '),
);
const FOREIGN = new Set(
  (
    'el la los las de del que y en un una es por para con no se su al lo como más pero ' +
    'le les des et est pour dans une du au qui ne pas sur avec ' +
    'o os da do em um uma não com na no é ' +
    'il di che e per con non sono della ' +
    'der die das und ist nicht ein eine zu mit von auf ich sie es ' +
    'yang dan di ke dari untuk ini itu dengan tidak ' +
    'bir ve bu da için ile ne çok ' +
    'ang ng sa mga na ay ko mo ' +
    'và của là có không một những được cho các tôi với'
  ).split(' '),
);

export type LanguageLabel = 'en' | 'latin-other' | 'other-script';

export function languageOf(text: string, lang?: string): LanguageLabel {
  const letters = text.match(/\p{L}/gu) ?? [];
  const nonLatin = letters.filter((c) => c.codePointAt(0)! > 0x24f).length;
  if (lang !== undefined && lang !== 'English')
    return nonLatin > 0.3 * letters.length ? 'other-script' : 'latin-other';
  if (lang === 'English') return 'en';
  if (letters.length > 0 && nonLatin > 0.3 * letters.length) return 'other-script';
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (words.length < 3) return 'en';
  let en = 0;
  let foreign = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) en++;
    if (FOREIGN.has(w)) foreign++;
  }
  return foreign > en && foreign >= 0.1 * words.length ? 'latin-other' : 'en';
}
