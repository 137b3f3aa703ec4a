import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of cooperative cataloguing, clusters and export. Codes are stable: clients match on them. */
export const RecordErrors = defineErrors({
  RECORD_NOT_FOUND: {
    status: 404,
    message: { en: 'Library {symbol} has no record {localId}.', 'zh-CN': '图书馆 {symbol} 没有记录 {localId}。' },
  },
  RECORD_DELETED: {
    status: 410,
    message: { en: 'Record {localId} of {symbol} was deleted (version {version}).', 'zh-CN': '{symbol} 的记录 {localId} 已删除（第 {version} 版）。' },
  },
  VERSION_NOT_FOUND: {
    status: 404,
    message: { en: 'Record {localId} of {symbol} has no version {version}.', 'zh-CN': '{symbol} 的记录 {localId} 没有第 {version} 版。' },
  },
  CLUSTER_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no union record (cluster) {id}.', 'zh-CN': '没有联合记录（聚类）{id}。' },
  },
  RECORD_INVALID: {
    status: 400,
    message: { en: 'The record has {count} problem(s); nothing was saved.', 'zh-CN': '记录有 {count} 个问题，未保存。' },
  },
  VERSION_REQUIRED: {
    status: 428,
    message: {
      en: 'Record {localId} exists already (version {version}): send If-Match with the version you edited, so that no one else’s change is lost.',
      'zh-CN': '记录 {localId} 已存在（第 {version} 版）：请在 If-Match 中给出您编辑的版本，以免覆盖他人的修改。',
    },
  },
  VERSION_CONFLICT: {
    status: 412,
    message: {
      en: 'Record {localId} is at version {version} now, not {expected}: someone changed it since you opened it. Reload it and apply your change again.',
      'zh-CN': '记录 {localId} 现为第 {version} 版而非第 {expected} 版：在您打开之后已有人修改。请重新载入后再修改。',
    },
  },
  LOCAL_ID_MISMATCH: {
    status: 400,
    message: { en: 'The record’s {field} is {value}, not the local id {localId} of the address.', 'zh-CN': '记录的 {field} 为 {value}，与地址中的本地标识 {localId} 不符。' },
  },
  DECISION_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no cluster decision {id}.', 'zh-CN': '没有聚类决定 {id}。' },
  },
  DECISION_INVALID: {
    status: 400,
    message: { en: 'The decision cannot be made: {reason}', 'zh-CN': '无法作出该决定：{reasonZh}' },
  },
  NOT_YOUR_RECORDS: {
    status: 403,
    message: {
      en: 'Merging and splitting clusters is for cataloguers of a library holding one of the records, or the staff of its alliance.',
      'zh-CN': '只有持有其中某条记录的图书馆的编目员或其所属联盟的工作人员可以合并和拆分聚类。',
    },
  },
});
