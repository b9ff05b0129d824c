/** Patterns of the injection signals in the other languages of the data. */

/**
 * "Ignore / forget the instructions" in the languages of the data (es, pt, fr, it, de, id, tr, tl;
 * then ru, vi, zh, ja, ko, ar, hi, bn, th): a verb of ignoring near a word for instructions or
 * rules, in either order. Written from the languages, not from the data's sentences.
 */
export const IGNORE_LATIN = new RegExp(
  [
    '(?:ignor\\w*|olvid\\w*|descart\\w*|esque[çc]\\w*|desconsider\\w*|oubli\\w*|dimentic\\w*|vergiss\\w*|abaikan|lupakan|unut\\w*|yok say\\w*|görmezden gel\\w*|huwag pansinin|kalimutan)[^.\\n!?]{0,40}?(?:instruc\\w*|instruções|istruzion\\w*|anweisung\\w*|instruksi|talimat\\w*|tagubilin|regras|reglas|règles|regole|regeln)',
    // not English "instructed to ignore": that reports an instruction, it gives none
    '(?:instruc(?!ted\\b)\\w*|istruzion\\w*|anweisung\\w*|talimat\\w*|instruksi|tagubilin)[^.\\n!?]{0,40}?(?:ignor\\w*|vergiss\\w*|unut\\w*|yok say\\w*|görmezden|abaikan)',
  ].join('|'),
);
export const IGNORE_OTHER_SCRIPTS = new RegExp(
  [
    '(?:игнорир|проигнорир|забудь)[^.\\n!?]{0,40}?(?:инструкци|указани|правила)',
    'инструкци\\S*[^.\\n!?]{0,40}?(?:игнорир|забудь)',
    '(?:bỏ qua|quên)[^.\\n!?]{0,40}?(?:hướng dẫn|chỉ dẫn)',
    'hướng dẫn[^.\\n!?]{0,40}?bỏ qua',
    '(?:忽略|无视|忽视|忘记|忘掉|無視|忘れ)[^。\\n]{0,20}?(?:指令|指示|说明|說明|命令|规则|規則)',
    '(?:指令|指示|命令)[^。\\n]{0,10}?(?:忽略|无视|無視)',
    '(?:지시|지침|명령)[^.\\n]{0,20}?(?:무시|잊어)',
    '(?:تجاهل|انس)[^.\\n]{0,40}?(?:التعليمات|تعليمات|الأوامر)',
    'निर्देश[^।\\n]{0,40}?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)',
    'নির্দেশ[^।\\n]{0,40}?(?:উপেক্ষা|ভুলে)',
    '(?:เพิกเฉย|ละเว้น|ลืม|ไม่ต้องสนใจ)[^\\n]{0,40}?คำสั่ง|คำสั่ง[^\\n]{0,30}?(?:เพิกเฉย|ละเว้น|ลืม)',
  ].join('|'),
);
/** A character beyond Latin-1: every IGNORE_OTHER_SCRIPTS match has one. */
export const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * A question about the password in the other languages of the data: the word for password and a
 * question mark later in the same sentence ("¿cuál es la contraseña?"). Talking about passwords
 * ("use a strong password.") asks for none.
 */
const QUESTION_AFTER = '[^.\\n。!！]{0,60}?[?？؟]';
export const PASSWORD_QUESTION_LATIN = new RegExp(
  `(?:contraseña|mot de passe|senha|passwort|kennwort|kata sandi|kata laluan|şifre|parola)${QUESTION_AFTER}`,
);
export const PASSWORD_QUESTION_LATIN_ANCHORS = [
  ...['contrase', 'mot de passe', 'senha', 'passwort', 'kennwort'],
  ...['kata sandi', 'kata laluan', 'ifre', 'parola'],
];
export const PASSWORD_QUESTION_OTHER = new RegExp(
  `(?:пароль|mật khẩu|密码|密碼|パスワード|비밀번호|암호|كلمة المرور|كلمة السر|पासवर्ड|পাসওয়ার্ড|รหัสผ่าน)${QUESTION_AFTER}`,
);
