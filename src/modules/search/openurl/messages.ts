/** What the OpenURL page says, in both languages of the interface. */
import type { Localized } from '../../../platform/i18n.js';
import type { CitationProblem, FoundBy, Genre } from '../domain/openurl/index.js';

export const M = {
  pageTitle: { en: 'Find it in the union catalogue', 'zh-CN': '在联合目录中查找' },
  errorTitle: { en: 'This link cannot be resolved', 'zh-CN': '无法解析此链接' },
  citationHeading: { en: 'The citation as we read it', 'zh-CN': '我们读到的引文' },
  problemsHeading: { en: 'Parts of the link we could not use', 'zh-CN': '链接中无法使用的部分' },
  matchesHeading: { en: 'In the union catalogue', 'zh-CN': '联合目录中的馆藏' },
  matchCount: { en: '{total} match(es); the first {shown} are shown.', 'zh-CN': '共 {total} 条结果，显示前 {shown} 条。' },
  noMatch: {
    en: 'Not in the union catalogue: no member library has recorded this work.',
    'zh-CN': '联合目录中没有此文献：没有成员馆收录。',
  },
  lookedFor: { en: 'Looked for by: {steps}.', 'zh-CN': '查找方式：{steps}。' },
  nothingToLookFor: {
    en: 'The citation has no standard number or title the catalogue can be searched by.',
    'zh-CN': '引文中没有可用于检索联合目录的标准号或题名。',
  },
  requestIll: { en: 'Request through interlibrary loan', 'zh-CN': '通过馆际互借申请' },
  requestAnyway: { en: 'Request it anyway through interlibrary loan', 'zh-CN': '仍然通过馆际互借申请' },
  viewRecord: { en: 'Union record', 'zh-CN': '联合书目记录' },
  library: { en: 'Library', 'zh-CN': '图书馆' },
  copies: { en: 'Copies', 'zh-CN': '复本' },
  available: { en: 'Available', 'zh-CN': '可借' },
  onLoan: { en: 'On loan', 'zh-CN': '已借出' },
  nextDue: { en: 'Next due', 'zh-CN': '最早应还' },
  noHoldings: { en: 'No library has a copy on record now.', 'zh-CN': '目前没有图书馆登记复本。' },
  holdingsSummary: { en: '{libraries} library(ies), {available} of {copies} copies available', 'zh-CN': '{libraries} 个图书馆收藏，{copies} 册中 {available} 册可借' },
  referrer: { en: 'Linked from {referrer}', 'zh-CN': '来源：{referrer}' },
  language: { en: 'Language', 'zh-CN': '语言' },
  holdingsCaption: { en: 'Copies of “{title}” by library', 'zh-CN': '“{title}”各馆复本' },
} satisfies Record<string, Localized>;

export const FIELD_LABELS = {
  genre: { en: 'Type', 'zh-CN': '类型' },
  title: { en: 'Title', 'zh-CN': '题名' },
  articleTitle: { en: 'Article or chapter', 'zh-CN': '篇名' },
  journalTitle: { en: 'Journal', 'zh-CN': '刊名' },
  authors: { en: 'Author(s)', 'zh-CN': '著者' },
  isbns: { en: 'ISBN', 'zh-CN': 'ISBN' },
  issns: { en: 'ISSN', 'zh-CN': 'ISSN' },
  doi: { en: 'DOI', 'zh-CN': 'DOI' },
  oclc: { en: 'OCLC number', 'zh-CN': 'OCLC 号' },
  lccn: { en: 'LCCN', 'zh-CN': 'LCCN' },
  pmid: { en: 'PubMed id', 'zh-CN': 'PubMed 号' },
  date: { en: 'Date', 'zh-CN': '日期' },
  volume: { en: 'Volume', 'zh-CN': '卷' },
  issue: { en: 'Issue', 'zh-CN': '期' },
  pages: { en: 'Pages', 'zh-CN': '页码' },
  publisher: { en: 'Publisher', 'zh-CN': '出版者' },
  place: { en: 'Place', 'zh-CN': '出版地' },
  edition: { en: 'Edition', 'zh-CN': '版次' },
} satisfies Record<string, Localized>;

export const GENRE_NAMES: Record<Genre, Localized> = {
  book: { en: 'Book', 'zh-CN': '图书' },
  chapter: { en: 'Book chapter', 'zh-CN': '图书章节' },
  article: { en: 'Journal article', 'zh-CN': '期刊文章' },
  journal: { en: 'Journal', 'zh-CN': '期刊' },
  dissertation: { en: 'Dissertation', 'zh-CN': '学位论文' },
  conference: { en: 'Conference paper or proceedings', 'zh-CN': '会议论文或会议录' },
  unknown: { en: 'Not stated', 'zh-CN': '未说明' },
};

/** The ways of looking, as listed after "Looked for by:". */
export const STEP_NAMES: Record<FoundBy, Localized> = {
  isbn: { en: 'ISBN', 'zh-CN': 'ISBN' },
  issn: { en: 'ISSN', 'zh-CN': 'ISSN' },
  doi: { en: 'DOI', 'zh-CN': 'DOI' },
  oclc: { en: 'OCLC number', 'zh-CN': 'OCLC 号' },
  lccn: { en: 'LCCN', 'zh-CN': 'LCCN' },
  'title-author-year': { en: 'title, author and year', 'zh-CN': '题名、著者和年份' },
  'title-author': { en: 'title and author', 'zh-CN': '题名和著者' },
  'title-year': { en: 'title and year', 'zh-CN': '题名和年份' },
  title: { en: 'title', 'zh-CN': '题名' },
  'journal-title': { en: 'journal title', 'zh-CN': '刊名' },
};

export const PROBLEM_MESSAGES: Record<CitationProblem['code'], Localized> = {
  'check-digit': { en: '{field} “{value}” has a wrong check digit; it was not used.', 'zh-CN': '{field}“{value}”校验位错误，未使用。' },
  malformed: { en: '{field} “{value}” is not a number of that kind; it was not used.', 'zh-CN': '{field}“{value}”格式不正确，未使用。' },
  'bad-date': { en: '{field} “{value}” has no year we can read.', 'zh-CN': '{field}“{value}”中无法读出年份。' },
  'unknown-format': { en: '{field} “{value}” is not a format we know; the other keys were read.', 'zh-CN': '{field}“{value}”不是已知格式，已读取其他键。' },
  encoding: { en: '{field} was not in UTF-8; it was read as {value}.', 'zh-CN': '{field} 不是 UTF-8 编码，已按 {value} 读取。' },
  'unsupported-key': { en: '{field} “{value}” is not an identifier we use.', 'zh-CN': '{field}“{value}”不是可用的标识符。' },
};
