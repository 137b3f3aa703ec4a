import type { Localized } from '../../../platform/i18n.js';

/**
 * The provincial-level divisions of China as coded by ISO 3166-2:CN (letter codes, 2017 edition),
 * with their names. The same list seeds the `provinces` table (migrations/0002_network.sql); a
 * test keeps the two equal.
 */
export const provinces = {
  'CN-AH': { zh: '安徽省', en: 'Anhui' },
  'CN-BJ': { zh: '北京市', en: 'Beijing' },
  'CN-CQ': { zh: '重庆市', en: 'Chongqing' },
  'CN-FJ': { zh: '福建省', en: 'Fujian' },
  'CN-GD': { zh: '广东省', en: 'Guangdong' },
  'CN-GS': { zh: '甘肃省', en: 'Gansu' },
  'CN-GX': { zh: '广西壮族自治区', en: 'Guangxi' },
  'CN-GZ': { zh: '贵州省', en: 'Guizhou' },
  'CN-HA': { zh: '河南省', en: 'Henan' },
  'CN-HB': { zh: '湖北省', en: 'Hubei' },
  'CN-HE': { zh: '河北省', en: 'Hebei' },
  'CN-HI': { zh: '海南省', en: 'Hainan' },
  'CN-HK': { zh: '香港特别行政区', en: 'Hong Kong' },
  'CN-HL': { zh: '黑龙江省', en: 'Heilongjiang' },
  'CN-HN': { zh: '湖南省', en: 'Hunan' },
  'CN-JL': { zh: '吉林省', en: 'Jilin' },
  'CN-JS': { zh: '江苏省', en: 'Jiangsu' },
  'CN-JX': { zh: '江西省', en: 'Jiangxi' },
  'CN-LN': { zh: '辽宁省', en: 'Liaoning' },
  'CN-MO': { zh: '澳门特别行政区', en: 'Macao' },
  'CN-NM': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  'CN-NX': { zh: '宁夏回族自治区', en: 'Ningxia' },
  'CN-QH': { zh: '青海省', en: 'Qinghai' },
  'CN-SC': { zh: '四川省', en: 'Sichuan' },
  'CN-SD': { zh: '山东省', en: 'Shandong' },
  'CN-SH': { zh: '上海市', en: 'Shanghai' },
  'CN-SN': { zh: '陕西省', en: 'Shaanxi' },
  'CN-SX': { zh: '山西省', en: 'Shanxi' },
  'CN-TJ': { zh: '天津市', en: 'Tianjin' },
  'CN-TW': { zh: '台湾省', en: 'Taiwan' },
  'CN-XJ': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  'CN-XZ': { zh: '西藏自治区', en: 'Xizang (Tibet)' },
  'CN-YN': { zh: '云南省', en: 'Yunnan' },
  'CN-ZJ': { zh: '浙江省', en: 'Zhejiang' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ProvinceCode = keyof typeof provinces;
export const provinceCodes = Object.keys(provinces) as [ProvinceCode, ...ProvinceCode[]];

/** A province's name in the reader's language. */
export function provinceName(code: ProvinceCode): Localized {
  const p = provinces[code];
  return { 'zh-CN': p.zh, en: p.en };
}
