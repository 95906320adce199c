import { request, type IncomingHttpHeaders } from 'node:http';

export interface StreamedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** How much of the body the client had written when the answer came. */
  sentBytes: number;
}

/**
 * POSTs up to `totalBytes` in `chunkBytes` pieces, as a client streaming an upload would: chunked, unless the
 * headers declare a Content-Length. It waits for the socket to take each piece (backpressure), stops writing as
 * soon as the server answers or closes, and resolves with the answer. Write errors after the answer (the server
 * closed the connection on purpose) are expected and ignored. One chunk buffer is reused: the client side
 * holds almost nothing, so memory growth in the process is the server's.
 */
export function streamPost(url: string, opts: { headers?: Record<string, string>; totalBytes: number; chunkBytes?: number }): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(opts.chunkBytes ?? 64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let wake: () => void = () => {};
    const req = request(url, { method: 'POST', headers: opts.headers }, (res) => {
      answered = true;
      wake();
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8'), sentBytes: sent }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.on('close', () => wake());
    const pump = async () => {
      while (sent < opts.totalBytes && !answered && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.totalBytes - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          await new Promise<void>((r) => {
            wake = r;
            req.once('drain', r);
          });
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    void pump();
  });
}
