/**
 * What facet names and values are called in the reader's language. Library and alliance names come
 * from the directory; these are the fixed vocabularies.
 */
import type { Locale, Localized } from '../../platform/i18n.js';
import type { FacetName } from './search-index.js';

export const FACET_LABELS: Record<FacetName, Localized> = {
  format: { en: 'Format', 'zh-CN': '文献类型' },
  language: { en: 'Language', 'zh-CN': '语种' },
  year: { en: 'Year', 'zh-CN': '出版年' },
  subject: { en: 'Subject', 'zh-CN': '主题' },
  author: { en: 'Author', 'zh-CN': '责任者' },
  library: { en: 'Holding library', 'zh-CN': '馆藏单位' },
  alliance: { en: 'Alliance', 'zh-CN': '联盟' },
  availability: { en: 'Availability', 'zh-CN': '可借情况' },
};

export const FORMAT_LABELS: Record<string, Localized> = {
  book: { en: 'Book', 'zh-CN': '图书' },
  'e-book': { en: 'E-book', 'zh-CN': '电子图书' },
  serial: { en: 'Journal', 'zh-CN': '期刊' },
  newspaper: { en: 'Newspaper', 'zh-CN': '报纸' },
  thesis: { en: 'Thesis', 'zh-CN': '学位论文' },
  conference: { en: 'Conference proceedings', 'zh-CN': '会议录' },
  map: { en: 'Map', 'zh-CN': '地图' },
  score: { en: 'Music score', 'zh-CN': '乐谱' },
  audio: { en: 'Audio', 'zh-CN': '音频' },
  video: { en: 'Video', 'zh-CN': '视频' },
  other: { en: 'Other', 'zh-CN': '其他' },
};

/** ISO 639-2 codes the catalogues of the source documents use most. */
export const LANGUAGE_LABELS: Record<string, Localized> = {
  chi: { en: 'Chinese', 'zh-CN': '中文' },
  eng: { en: 'English', 'zh-CN': '英语' },
  jpn: { en: 'Japanese', 'zh-CN': '日语' },
  kor: { en: 'Korean', 'zh-CN': '朝鲜语' },
  rus: { en: 'Russian', 'zh-CN': '俄语' },
  fre: { en: 'French', 'zh-CN': '法语' },
  ger: { en: 'German', 'zh-CN': '德语' },
  spa: { en: 'Spanish', 'zh-CN': '西班牙语' },
  ita: { en: 'Italian', 'zh-CN': '意大利语' },
  por: { en: 'Portuguese', 'zh-CN': '葡萄牙语' },
  lat: { en: 'Latin', 'zh-CN': '拉丁语' },
  ara: { en: 'Arabic', 'zh-CN': '阿拉伯语' },
  tib: { en: 'Tibetan', 'zh-CN': '藏语' },
  mon: { en: 'Mongolian', 'zh-CN': '蒙古语' },
  uig: { en: 'Uyghur', 'zh-CN': '维吾尔语' },
  vie: { en: 'Vietnamese', 'zh-CN': '越南语' },
  tha: { en: 'Thai', 'zh-CN': '泰语' },
  hin: { en: 'Hindi', 'zh-CN': '印地语' },
  nep: { en: 'Nepali', 'zh-CN': '尼泊尔语' },
  dut: { en: 'Dutch', 'zh-CN': '荷兰语' },
  swe: { en: 'Swedish', 'zh-CN': '瑞典语' },
  pol: { en: 'Polish', 'zh-CN': '波兰语' },
  und: { en: 'Undetermined', 'zh-CN': '未定' },
  mul: { en: 'Multiple languages', 'zh-CN': '多语种' },
};

export const AVAILABILITY_LABELS: Record<string, Localized> = {
  anywhere: { en: 'Available somewhere', 'zh-CN': '有可借副本' },
  'my-library': { en: 'Available in my library', 'zh-CN': '本馆可借' },
  'my-alliance': { en: 'Available in my alliance', 'zh-CN': '本联盟可借' },
  'my-province': { en: 'Available in my province', 'zh-CN': '本省可借' },
};

export const label = (table: Record<string, Localized>, value: string, locale: Locale): string | undefined => table[value]?.[locale];
