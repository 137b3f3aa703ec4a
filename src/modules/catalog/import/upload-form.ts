/**
 * A record file sent as multipart/form-data (the way browsers and most HTTP clients upload):
 * exactly one file part named `file`, and optional text fields `format` and `flavour` with the
 * meaning of the query parameters. The file part is streamed to disk as it comes (`receiveUpload`),
 * never buffered; the text fields may come before or after it.
 */
import type { Multipart } from '@fastify/multipart';
import { rmSync } from 'node:fs';
import { AppError, isAppError, PlatformErrors, type FieldProblem } from '../../../platform/errors/index.js';
import { localize, type Locale } from '../../../platform/i18n.js';
import type { Flavour, MarcFormat } from '../domain/marc/index.js';
import { receiveUpload } from './import.service.js';

/** What a well-formed upload form held: the received file (a temporary path) and its fields. */
export interface UploadForm {
  file: string;
  filename?: string;
  format?: 'auto' | MarcFormat;
  flavour?: 'auto' | Flavour;
}

/** The values the text fields may take: the same as the query parameters of the upload. */
const choices = {
  format: ['auto', 'iso2709', 'marcxml', 'marcjson'],
  flavour: ['auto', 'marc21', 'unimarc'],
} as const;

const messages = {
  notAFile: { en: 'must be a file part, not a text field', 'zh-CN': '必须是文件部分，而不是文本字段' },
  secondFile: { en: 'only one file may be sent', 'zh-CN': '只能上传一个文件' },
  missingFile: { en: 'a file part named "file" is required', 'zh-CN': '缺少名为 "file" 的文件部分' },
  unknown: { en: 'is not a field of this form (file, format, flavour)', 'zh-CN': '不是此表单的字段（file、format、flavour）' },
  twice: { en: 'is given twice', 'zh-CN': '重复给出' },
  choice: { en: 'must be one of: {choices}', 'zh-CN': '必须是以下之一：{choices}' },
  malformed: { en: 'is not a well-formed multipart/form-data body: {reason}', 'zh-CN': '不是格式正确的 multipart/form-data 请求体：{reason}' },
} as const;

/** A 400 problem naming one field of the form. */
const invalid = (locale: Locale, field: string, message: keyof typeof messages, params: Record<string, unknown> = {}) => {
  const problem: FieldProblem = { field, code: `multipart-${message}`, message: localize(messages[message], locale, params) };
  return PlatformErrors.VALIDATION_FAILED({ count: 1 }, [problem]);
};

/**
 * Reads the parts of an upload form in order. On any problem the received file is removed and
 * a 400 naming the field is thrown; an aborted body fails the same way, leaving nothing on disk.
 */
export async function readUploadForm(dataDir: string, parts: AsyncIterable<Multipart>, locale: Locale): Promise<UploadForm> {
  let form: Partial<UploadForm> = {};
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(locale, part.fieldname, 'unknown');
        }
        if (form.file) {
          part.file.resume();
          throw invalid(locale, 'file', 'secondFile');
        }
        // A body cut off inside the file may be parsed to its end before we get here: the plugin
        // has then destroyed the stream without an error, and piping it would wait for ever.
        if (part.file.destroyed) throw invalid(locale, '(body)', 'malformed', { reason: 'it ends inside the file' });
        form.file = await receiveUpload(dataDir, part.file).catch((err: unknown) => {
          // An empty or too large file is a problem of the `file` field: say so.
          if (isAppError(err) && !err.fields.length) throw new AppError(err.code, err.definition, err.params, [{ field: 'file', message: localize(err.definition.message, locale, err.params) }]);
          throw err;
        });
        if (part.filename) form.filename = part.filename.slice(0, 255);
        continue;
      }
      const name = part.fieldname;
      if (name === 'file') throw invalid(locale, 'file', 'notAFile');
      if (name !== 'format' && name !== 'flavour') throw invalid(locale, name, 'unknown');
      if (form[name] !== undefined) throw invalid(locale, name, 'twice');
      const value = String(part.value);
      if (!(choices[name] as readonly string[]).includes(value)) throw invalid(locale, name, 'choice', { choices: choices[name].join(', ') });
      form = { ...form, [name]: value };
    }
    if (!form.file) throw invalid(locale, 'file', 'missingFile');
    return form as UploadForm;
  } catch (err) {
    if (form.file) rmSync(form.file, { force: true });
    if (isAppError(err)) throw err;
    // A cut-off or garbled body (busboy's "Unexpected end of form", a bad boundary…) is the client's.
    throw invalid(locale, '(body)', 'malformed', { reason: err instanceof Error ? err.message : String(err) });
  }
}
