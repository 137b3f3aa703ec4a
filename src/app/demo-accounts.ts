import type { GrantInput } from '../modules/identity/index.js';

/** One demo account per role, so each part of the product can be tried as the person who uses it. */
export interface DemoAccount {
  email: string;
  displayName: string;
  /** What the account is for, in both languages (printed at first start). */
  role: { 'zh-CN': string; en: string };
  grants: GrantInput[];
}

export const demoAccounts: DemoAccount[] = [
  {
    email: 'admin@demo.anylib.org',
    displayName: '网络管理员 Network administrator',
    role: { 'zh-CN': '网络管理员', en: 'network administrator' },
    grants: [{ role: 'network-admin' }],
  },
  {
    email: 'calis@demo.anylib.org',
    displayName: 'CALIS 管理中心 CALIS management centre',
    role: { 'zh-CN': '联盟工作人员（CALIS）', en: 'alliance staff (CALIS)' },
    grants: [{ role: 'alliance-staff', alliance: 'CALIS' }],
  },
  {
    email: 'jalis@demo.anylib.org',
    displayName: 'JALIS 秘书处 JALIS secretariat',
    role: { 'zh-CN': '联盟工作人员（JALIS）', en: 'alliance staff (JALIS)' },
    grants: [{ role: 'alliance-staff', alliance: 'JALIS' }],
  },
  {
    email: 'admin@nju.demo.anylib.org',
    displayName: '南京大学图书馆 系统管理员 NJU library administrator',
    role: { 'zh-CN': '图书馆管理员（南京大学，全部权限）', en: 'library administrator (Nanjing University, all permissions)' },
    grants: [{ role: 'library-staff', library: 'CN-NJU', permissions: ['catalogue', 'lending', 'borrowing', 'statistics', 'library-admin'] }],
  },
  {
    email: 'cataloguer@pku.demo.anylib.org',
    displayName: '北京大学图书馆 编目员 PKU cataloguer',
    role: { 'zh-CN': '编目员（北京大学）', en: 'cataloguer (Peking University)' },
    grants: [{ role: 'library-staff', library: 'CN-PKU', permissions: ['catalogue'] }],
  },
  {
    email: 'ill@zju.demo.anylib.org',
    displayName: '浙江大学图书馆 馆际互借 ZJU interlibrary loan',
    role: { 'zh-CN': '馆际互借馆员（浙江大学：借出、借入）', en: 'interlibrary loan staff (Zhejiang University: lending, borrowing)' },
    grants: [{ role: 'library-staff', library: 'CN-ZJU', permissions: ['lending', 'borrowing'] }],
  },
  {
    email: 'stats@whu.demo.anylib.org',
    displayName: '武汉大学图书馆 统计 WHU statistics',
    role: { 'zh-CN': '统计馆员（武汉大学）', en: 'statistics staff (Wuhan University)' },
    grants: [{ role: 'library-staff', library: 'CN-WHU', permissions: ['statistics'] }],
  },
  {
    email: 'reader@nju.demo.anylib.org',
    displayName: '读者 张明 Reader Zhang Ming',
    role: { 'zh-CN': '读者（南京大学）', en: 'reader (Nanjing University)' },
    grants: [{ role: 'reader', library: 'CN-NJU' }],
  },
];
