/** Imports of record files: the job, the batches and their rejects. */
export { importKind, importRecords, runImport, type ImportPayload } from './import.job.js';
export { importStore, type ImportBatch, type ImportCheckpoint, type StoredReject } from './import.store.js';
export { receiveUpload, startFileImport, startReceived, startUpload, uploadLimitBytes, uploadsDir, type StartImport } from './import.service.js';
export { readUploadForm, type UploadForm } from './upload-form.js';
