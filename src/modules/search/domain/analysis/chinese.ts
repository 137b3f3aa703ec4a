/**
 * Chinese word segmentation (jieba, the dictionary shipped with @node-rs/jieba) and pinyin
 * (pinyin-pro), for the index and the queries alike (issue 4, "Chinese first").
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { PINYIN_SYLLABLES } from './pinyin-syllables.js';

const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

/** Loaded once (~170 ms): the dictionary is the cost, each cut is a few microseconds. */
let jieba: InstanceType<typeof Jieba> | null = null;

/** Catalogue text repeats (names, publishers, common titles): a bounded cache saves the native call. */
const cache = new Map<string, string[]>();
const CACHE_SIZE = 20_000;
const CACHE_RUN = 24;

/** The words of a run of Chinese characters, in order, covering the run ("红楼梦研究" → 红楼梦, 研究). */
export function chineseWords(run: string): string[] {
  let words = run.length <= CACHE_RUN ? cache.get(run) : undefined;
  if (words === undefined) {
    jieba ??= Jieba.withDict(dict);
    words = jieba.cut(run, false);
    if (run.length <= CACHE_RUN) {
      if (cache.size >= CACHE_SIZE) cache.clear();
      cache.set(run, words);
    }
  }
  return words;
}

const readings = new Map<string, (string | null)[]>();
const READINGS_SIZE = 50_000;

/**
 * The pinyin of each character of a word (a jieba word: the unit pinyin-pro reads in context,
 * 重庆 chong qing, 银行 yin hang), toneless, ü as "v"; null for a character without a reading.
 * A name's first word is read with surnames first (曾 zeng, 单 shan). Words repeat across a
 * catalogue, so readings are cached: pinyin-pro is the costliest step of the analysis.
 */
export function wordPinyin(word: string, surname: boolean): (string | null)[] {
  const key = surname ? `\u0001${word}` : word;
  let syllables = readings.get(key);
  if (syllables === undefined) {
    const read = surname
      ? pinyin(word, { toneType: 'none', type: 'array', v: true, mode: 'surname', surname: 'head' })
      : pinyin(word, { toneType: 'none', type: 'array', v: true });
    syllables = read.map((s) => (/^[a-z]+$/.test(s) ? s : null));
    if (readings.size >= READINGS_SIZE) readings.clear();
    readings.set(key, syllables);
  }
  return syllables;
}

/** "m" and "ng" (interjections) are syllables but would split ordinary words into nonsense. */
const SYLLABLES: ReadonlySet<string> = new Set(PINYIN_SYLLABLES.filter((s) => s !== 'm' && s !== 'ng'));
const LONGEST_SYLLABLE = 6;

/** Whether the word is one pinyin syllable ("hong"). */
export const isSyllable = (word: string): boolean => SYLLABLES.has(word);

/**
 * A word typed in pinyin split into its syllables ("hongloumeng" → hong lou meng), or null when
 * it is not pinyin. Fewest syllables wins ("xian" is one syllable; "xi'an" is folded to "xian"
 * too, and found through the word's own pinyin lexeme).
 */
export function splitPinyin(word: string): string[] | null {
  const n = word.length;
  if (n === 0 || n > 60 || !/^[a-z]+$/.test(word)) return null;
  // best[i]: fewest syllables covering word[0, i), with the split point before i.
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let k = Math.max(0, i - LONGEST_SYLLABLE); k < i; k++) {
      if (best[k]! + 1 < best[i]! && SYLLABLES.has(word.slice(k, i))) {
        best[i] = best[k]! + 1;
        from[i] = k;
      }
    }
  }
  if (best[n] === Infinity) return null;
  const out: string[] = [];
  for (let i = n; i > 0; i = from[i]!) out.push(word.slice(from[i]!, i));
  return out.reverse();
}
