import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a test receiver got. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A local HTTP receiver for the outbound tests (node:http on port 0): it
 * records every request and answers with the status `answer` gives for the
 * n-th request (1-based).
 */
export class Receiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  answer: (n: number, request: Received) => number = () => 200;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        const status = this.answer(this.received.length, r);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? '{"text":"Success","code":0}' : '{"text":"Server is busy","code":9}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
