/**
 * Vocabularies the Dublin Core crosswalk needs: language names and codes to MARC language codes
 * (ISO 639-2/B), and DCMI Type terms and common free-text types to MARC leader/06 and /07.
 */

/** ISO 639-1 and 639-2/T codes, and English and Chinese names, of the languages members catalogue most, to MARC codes (639-2/B). */
const LANGUAGES: Record<string, string> = {
  en: 'eng', english: 'eng', 英语: 'eng', 英文: 'eng',
  zh: 'chi', zho: 'chi', chinese: 'chi', 中文: 'chi', 汉语: 'chi', 'zh-cn': 'chi', 'zh-tw': 'chi', 'zh-hans': 'chi', 'zh-hant': 'chi',
  fr: 'fre', fra: 'fre', french: 'fre', 法语: 'fre',
  de: 'ger', deu: 'ger', german: 'ger', 德语: 'ger',
  ja: 'jpn', japanese: 'jpn', 日语: 'jpn', 日文: 'jpn',
  ko: 'kor', korean: 'kor', 韩语: 'kor', 朝鲜语: 'kor',
  ru: 'rus', russian: 'rus', 俄语: 'rus',
  es: 'spa', spanish: 'spa', 西班牙语: 'spa',
  it: 'ita', italian: 'ita', pt: 'por', portuguese: 'por', nl: 'dut', nld: 'dut', dutch: 'dut',
  ar: 'ara', arabic: 'ara', he: 'heb', hebrew: 'heb', la: 'lat', latin: 'lat', el: 'gre', ell: 'gre', greek: 'gre',
  hi: 'hin', hindi: 'hin', ne: 'nep', nepali: 'nep', vi: 'vie', vietnamese: 'vie', th: 'tha', thai: 'tha',
  bo: 'tib', bod: 'tib', tibetan: 'tib', 藏语: 'tib', mn: 'mon', mongolian: 'mon', 蒙古语: 'mon', ug: 'uig', uighur: 'uig', 维吾尔语: 'uig',
  cs: 'cze', ces: 'cze', pl: 'pol', sv: 'swe', da: 'dan', no: 'nor', fi: 'fin', hu: 'hun', tr: 'tur', fa: 'per', fas: 'per',
  ro: 'rum', ron: 'rum', sk: 'slo', slk: 'slo', sq: 'alb', sqi: 'alb', hy: 'arm', hye: 'arm', ka: 'geo', kat: 'geo',
  eu: 'baq', eus: 'baq', cy: 'wel', cym: 'wel', is: 'ice', isl: 'ice', mk: 'mac', mkd: 'mac', ms: 'may', msa: 'may', my: 'bur', mya: 'bur',
};

/** MARC codes in use that need no mapping (three lower-case letters read as a MARC code already). */
const THREE_LETTERS = /^[a-z]{3}$/;

/** The MARC language code of a dc:language value, or undefined when it is free text we do not know. */
export function marcLanguage(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  // Own keys only: a value such as "__proto__" or "constructor" is not a language.
  const own = (k: string): string | undefined => (Object.hasOwn(LANGUAGES, k) ? LANGUAGES[k] : undefined);
  const known = own(v) ?? own(v.split(/[-_]/)[0]!);
  if (known) return known;
  return THREE_LETTERS.test(v) ? v : undefined;
}

/** What a dc:type says about the MARC leader: type of record (/06) and bibliographic level (/07). */
export interface TypeCoding {
  typeOfRecord: string;
  level?: string;
  /** Whether the value is a term of the DCMI Type Vocabulary (source code `dct` in 655 $2). */
  dcmi: boolean;
}

const DCMI: Record<string, string> = {
  text: 'a', image: 'k', stillimage: 'k', movingimage: 'g', sound: 'i', dataset: 'm', software: 'm',
  interactiveresource: 'm', physicalobject: 'r', collection: 'p', event: 'r', service: 'm',
};

/** Free-text types real repositories put in dc:type (English and Chinese), by the first that matches. */
const WORDS: [RegExp, string, string?][] = [
  // An article is text described on its own, whatever journal it came from.
  [/article|期刊论文/i, 'a'],
  [/journal|periodical|serial|magazine|newspaper|期刊|报纸|连续出版物/i, 'a', 's'],
  [/\bmaps?\b|cartograph|atlas|地图/i, 'e'],
  [/manuscript|手稿|稿本/i, 't'],
  [/score|sheet music|乐谱/i, 'c'],
  [/music|song|音乐/i, 'j'],
  [/audio|sound|recording|录音/i, 'i'],
  [/video|film|motion picture|影片|视频/i, 'g'],
  [/photo|picture|image|painting|drawing|poster|rubbing|拓片|图片|照片|画/i, 'k'],
  [/dataset|data set|software|computer|数据/i, 'm'],
  [/object|artefact|artifact|realia|实物/i, 'r'],
  [/collection|特藏|专题库/i, 'p', 'c'],
];

/** The leader coding of a dc:type value (DCMI term, its URI, or free text); undefined when nothing tells. */
export function typeCoding(value: string): TypeCoding | undefined {
  const term = value.trim().replace(/^https?:\/\/purl\.org\/dc\/dcmitype\//i, '').replace(/\s+/g, '').toLowerCase();
  const dcmi = Object.hasOwn(DCMI, term) ? DCMI[term] : undefined;
  if (dcmi) return { typeOfRecord: dcmi, dcmi: true, ...(term === 'collection' ? { level: 'c' } : {}) };
  for (const [re, type, level] of WORDS) if (re.test(value)) return { typeOfRecord: type, dcmi: false, ...(level ? { level } : {}) };
  if (/text|book|article|thesis|dissertation|report|paper|图书|论文|文献|古籍/i.test(value)) return { typeOfRecord: 'a', dcmi: false };
  return undefined;
}
