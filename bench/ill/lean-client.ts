/**
 * A benchmark client as lean as HTTP/1.1 allows (issue 5, session 12): one kept-alive socket, one
 * call at a time, the request written as one string, the answer's status and body read from its
 * Content-Length — no http.Agent, no header objects, no parsing of bodies nobody reads. The
 * clients run on the same two cores as the server and PostgreSQL, so their CPU is the life
 * cycle's too (node:http's client was ≈ 3.5 ms a life cycle, a third of what 200/s allows).
 * The server's answers always carry Content-Length (Fastify, JSON bodies); anything else throws.
 */
import net from 'node:net';

export interface Answer {
  status: number;
  /** The body as sent; JSON.parse it only where its data is used. */
  body: Buffer;
}

const HEADERS_END = Buffer.from('\r\n\r\n');

export class LeanClient {
  private socket: net.Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve(a: Answer): void; reject(e: Error): void } | undefined;

  constructor(private readonly host: string, private readonly port: number) {}

  /** POST `path` with a JSON body; `headers` as `name: value` lines already joined with \r\n. */
  post(path: string, headers: string, body: string): Promise<Answer> {
    if (this.waiting) throw new Error('LeanClient: one call at a time');
    const socket = this.socket ?? this.connect();
    return new Promise<Answer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(`POST ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n${headers}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): net.Socket {
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.answer();
    });
    const fail = (e: Error) => {
      this.socket = undefined;
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('LeanClient: the server closed the connection')));
    this.socket = socket;
    return socket;
  }

  /** Hands over a complete answer, if the buffer holds one. */
  private answer(): void {
    const end = this.buffered.indexOf(HEADERS_END);
    if (end < 0) return;
    const head = this.buffered.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.socket?.destroy(new Error(`LeanClient: an answer without Content-Length: ${head.slice(0, 200)}`));
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.buffered.length < total) return;
    const body = this.buffered.subarray(end + 4, total);
    this.buffered = this.buffered.subarray(total);
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve({ status: Number(head.slice(9, 12)), body });
  }
}
