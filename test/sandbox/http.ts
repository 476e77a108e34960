/**
 * The shape of one product or storage request as the sandbox sees it after `@forge/api` / `@forge/kvs`
 * hand it to `global.__forge_fetch__`. Emulators answer with a plain `SandboxResponse`; runtime.ts turns it
 * into a WHATWG `Response`, which is what the SDKs read.
 */
export interface SandboxRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/issue/UP-1?fields=summary`. */
  path: string;
  headers: Record<string, string>;
  /** Raw request body text, or undefined when there is none. */
  body?: string;
  /**
   * Who the call runs as: an accountId for `asUser()` calls, `null` for `asApp()` calls (the app user sees
   * everything, restricted projects included).
   */
  asUser: string | null;
  /**
   * Set by the Forge runtime stand-in for requests the app's own code made (as the app or as a user), so that
   * product events can carry `selfGenerated` the way Forge's `ignoreSelf` filter reads it.
   */
  fromApp?: boolean;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON-serialisable value (sent as application/json), a string (sent as is), or undefined (no body). */
  body?: unknown;
}

export const json = (status: number, body?: unknown, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  body,
  headers,
});

export function toFetchResponse(res: SandboxResponse): Response {
  const headers = new Headers(res.headers ?? {});
  let text: string | null = null;
  if (res.body !== undefined) {
    if (typeof res.body === 'string') text = res.body;
    else {
      text = JSON.stringify(res.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
  }
  // 204 and 304 must not carry a body in the Fetch API.
  if (res.status === 204 || res.status === 304) text = null;
  return new Response(text, { status: res.status, headers });
}

/** Anything that answers sandbox requests: the Jira emulator, the storage. */
export interface RequestHandler {
  handle(req: SandboxRequest): Promise<SandboxResponse>;
}
