/**
 * Just enough MIME to read what nodemailer sends (tests only): headers with encoded words,
 * multipart bodies, quoted-printable and base64 parts.
 */
export interface ReadMail {
  headers: Record<string, string>;
  text: string;
  html: string;
}

const decodeWords = (v: string): string =>
  v.replace(/=\?([\w-]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(qp(data.replace(/_/g, ' ')), 'latin1').toString('utf8'),
  );

/** Quoted-printable to bytes (as a latin1 string), soft line breaks removed. */
const qp = (s: string): string => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function split(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') return Buffer.from(qp(body), 'latin1').toString('utf8');
  return body;
}

export function readMail(raw: string): ReadMail {
  const top = split(raw);
  const out: ReadMail = { headers: top.headers, text: '', html: '' };
  const walk = (headers: Record<string, string>, body: string) => {
    const type = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.startsWith('multipart/') && boundary) {
      for (const part of body.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break;
        const p = split(part.replace(/^\r\n/, ''));
        walk(p.headers, p.body);
      }
    } else if (type.startsWith('text/html')) out.html += decodeBody(headers, body);
    else if (type.startsWith('text/plain')) out.text += decodeBody(headers, body);
  };
  walk(top.headers, top.body);
  return out;
}
