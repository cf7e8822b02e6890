import type { Plugin } from 'graphql-yoga';

/** The JSON error body Pennant answers oversized requests with (HTTP 413). */
export function payloadTooLargeBody(maxBytes: number): string {
  return JSON.stringify({
    errors: [
      {
        message: `The request body is larger than ${maxBytes} bytes.`,
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ],
  });
}

/**
 * Bodies without a `Content-Length` (chunked) are read here up to the limit; the HTTP handler
 * already refused bodies whose declared length is too large without reading them.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
      const tooLarge = () =>
        endResponse(
          new fetchAPI.Response(payloadTooLargeBody(maxBytes), {
            status: 413,
            headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
          }),
        );
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) tooLarge();
        return;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = request.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => {});
          tooLarge();
          return;
        }
        chunks.push(value);
      }
      const body = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.byteLength;
      }
      const headers = new fetchAPI.Headers(request.headers);
      headers.set('content-length', String(size));
      setRequest(new fetchAPI.Request(request.url, { method: request.method, headers, body }));
    },
  };
}
