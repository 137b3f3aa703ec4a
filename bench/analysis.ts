/**
 * Speed of the search text analysis (issue 4): search documents built per second and queries
 * analysed per second, on synthetic records like the union catalogue's (about a third Chinese,
 * with pinyin-searchable titles and authors, subjects, publisher, notes and identifiers).
 *
 *   npx tsx bench/analysis.ts [--records N]
 *
 * Prints `name value unit` lines. Goals: a typical record < 0.1 ms, a query < 0.05 ms.
 */
import { documentVector, textQuery, type DocumentText } from '../src/modules/search/domain/analysis/index.js';
import { parseReaderQuery } from '../src/modules/search/domain/query/parse.js';

const i = process.argv.indexOf('--records');
const N = i >= 0 ? Number(process.argv[i + 1]) : 20_000;

/** A small deterministic generator (the same records every run). */
let seed = 1;
const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;

const ZH_WORDS = ['红楼梦', '研究', '中国', '古代', '文学', '历史', '计算机', '程序设计', '经济', '发展', '社会', '哲学', '教育', '理论', '实践', '数据', '管理', '艺术', '科学', '技术', '紅樓夢', '臺灣', '圖書館', '學報', '集刊', '新论', '概论', '导论'];
const ZH_NAMES = ['曹雪芹', '鲁迅', '王国维', '钱钟书', '张爱玲', '曾国藩', '司马迁', '李白', '杜甫', '胡适'];
const ZH_PUBLISHERS = ['人民文学出版社', '中华书局', '上海古籍出版社', '商务印书馆', '清华大学出版社', '北京大学出版社'];
const EN_WORDS = ['history', 'science', 'computers', 'computation', 'theory', 'introduction', 'society', 'culture', 'economic', 'development', 'language', 'literature', 'modern', 'world', 'political', 'analysis', 'café', 'Ｃ＋＋', 'programming', 'systems', 'of', 'the', 'and', 'in'];
const EN_NAMES = ['Smith, John', 'Darwin, Charles', 'Knuth, Donald E.', 'Müller, Hans', 'García Márquez, Gabriel'];
const EN_PUBLISHERS = ['Oxford University Press', 'Springer', "O'Reilly Media", 'Penguin Books', 'MIT Press'];

const words = (list: readonly string[], n: number, sep: string): string => Array.from({ length: n }, () => pick(list)).join(sep);

function record(k: number): DocumentText {
  const zh = k % 3 === 0;
  const w = zh ? ZH_WORDS : EN_WORDS;
  const sep = zh ? '' : ' ';
  return {
    titles: [`${words(w, 2 + (k % 3), sep)} : ${words(w, 2, sep)}`, ...(zh && k % 2 === 0 ? [words(EN_WORDS, 3, ' ')] : [])],
    authors: [zh ? pick(ZH_NAMES) : pick(EN_NAMES), ...(k % 4 === 0 ? [zh ? pick(ZH_NAMES) : pick(EN_NAMES)] : [])],
    subjects: [words(w, 2, sep), words(w, 2, sep), zh ? '小说' : 'Fiction'],
    publishers: [zh ? pick(ZH_PUBLISHERS) : pick(EN_PUBLISHERS)],
    series: k % 5 === 0 ? [words(w, 3, sep)] : [],
    other: [zh ? `第${k % 9 + 1}版` : `${k % 9 + 1}th ed.`, zh ? '北京' : 'London', `Includes bibliographical references (p. ${k % 300}) and index. ${words(w, 6, sep)}`],
    isbns: [`978711${String(k).padStart(6, '0')}${k % 10}`],
    issns: [],
    dois: [],
    callNumbers: [zh ? `I242.4/${k % 100}` : `QA76.${k % 90} .S${k % 9}`],
    systemNumbers: [`(OCoLC)${100000 + k}`],
  };
}

const QUERIES = [
  '红楼梦', '紅樓夢', 'hongloumeng', 'hlm', 'hong lou meng', '曹雪芹', 'caoxueqin', '中国古代文学史', '计算机 程序设计',
  'history of science', '"history of science"', 'comput*', 'title:红楼梦 author:曹雪芹', 'subject:economics OR subject:经济',
  '9787020002207', '7-02-000220-X', 'isbn:7-02-000220-X', 'callNumber:TP311*', 'café society', 'C++ programming',
  'war and peace', 'publisher:中华书局 year:1990-2000', '(红楼梦 OR 石头记) NOT 研究', 'ノルウェイの森', '한국 문학',
];

function textOnly(q: ReturnType<typeof parseReaderQuery>) {
  if (!q.ok) return null;
  const node = q.query;
  return node.kind === 'and' ? { ...node, children: node.children.filter((c) => c.kind !== 'year' && c.kind !== 'library' && c.kind !== 'cluster') } : node;
}

// Warm up: jieba's dictionary, OpenCC's tables, pinyin-pro, the JIT.
const records = Array.from({ length: N }, (_, k) => record(k));
for (let k = 0; k < 2000; k++) documentVector(records[k % N]!);
for (const q of QUERIES) textQuery(textOnly(parseReaderQuery(q))!);

/** Wall-clock and CPU milliseconds of a piece of work (CPU time is the fairer figure on a busy machine). */
function measure(work: () => void): { wall: number; cpu: number } {
  const t = performance.now();
  const c = process.cpuUsage();
  work();
  const used = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

let chars = 0;
const docs = measure(() => {
  for (const r of records) chars += documentVector(r).length;
});
console.log(`documents ${N} records`);
console.log(`documents_per_second ${Math.round(N / (docs.wall / 1000))} docs/s`);
console.log(`document_ms ${(docs.wall / N).toFixed(4)} ms`);
console.log(`document_cpu_ms ${(docs.cpu / N).toFixed(4)} ms`);
console.log(`document_literal_chars ${Math.round(chars / N)} chars`);

const ROUNDS = 2000;
const queries = measure(() => {
  for (let r = 0; r < ROUNDS; r++) for (const q of QUERIES) textQuery(textOnly(parseReaderQuery(q))!);
});
const n = ROUNDS * QUERIES.length;
console.log(`queries_per_second ${Math.round(n / (queries.wall / 1000))} queries/s`);
console.log(`query_ms ${(queries.wall / n).toFixed(4)} ms`);
console.log(`query_cpu_ms ${(queries.cpu / n).toFixed(4)} ms`);
