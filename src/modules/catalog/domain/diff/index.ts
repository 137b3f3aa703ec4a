/** Field-level differences between two versions of a record, for the version history (issue 3). Pure. */
export { diffRecords, isUnchanged, type RecordDiff, type FieldChange, type SubfieldChange } from './diff.js';
