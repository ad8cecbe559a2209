import type { ApiErrorBody, Me, TokenPair } from './types';

/** An API refusal or a failure to reach the API: the API's code and message, kept for the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorBody['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field names the API refused, from a 400 VALIDATION_FAILED. */
  get fields(): string[] {
    return (this.details?.fields ?? []).map((f) => f.field);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  /** Public routes: no bearer token, no refresh on 401. */
  anonymous?: boolean;
}

const STORAGE_KEY = 'cppcc.session';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  committeeId: string | null;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The file name the API gave in Content-Disposition (RFC 5987 filename* first). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

/**
 * The one way this app talks to the server: the public API under /api, same origin. Sends the bearer
 * token and X-Committee-Id, refreshes an expired access token once (one refresh shared by concurrent
 * calls), and turns every refusal into an ApiError carrying the API's code and message.
 */
export class ApiClient {
  private session: StoredSession | null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly base = '/api',
    private readonly storage: Storage = window.sessionStorage,
  ) {
    const stored = storage.getItem(STORAGE_KEY);
    this.session = stored ? (JSON.parse(stored) as StoredSession) : null;
  }

  get loggedIn(): boolean {
    return this.session !== null;
  }

  get committeeId(): string | null {
    return this.session?.committeeId ?? null;
  }

  /** Called when the session ends (logout, or a refresh the API refused). */
  onSessionEnd(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setCommittee(committeeId: string | null): void {
    if (!this.session) return;
    this.session = { ...this.session, committeeId };
    this.save();
  }

  async login(username: string, password: string): Promise<Me> {
    const tokens = await this.request<TokenPair>('POST', '/auth/login', { body: { username, password }, anonymous: true });
    this.session = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, committeeId: null };
    this.save();
    return this.get<Me>('/auth/me');
  }

  async logout(): Promise<void> {
    const refreshToken = this.session?.refreshToken;
    this.endSession();
    if (refreshToken) await this.request('POST', '/auth/logout', { body: { refreshToken }, anonymous: true }).catch(() => undefined);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {} });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body: body ?? {} });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body: body ?? {} });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path, {});
  }

  /** multipart/form-data with one file part. */
  upload<T>(path: string, field: string, file: File): Promise<T> {
    const form = new FormData();
    form.append(field, file, file.name);
    return this.request<T>('POST', path, { form });
  }

  /**
   * multipart/form-data with one file part, through XMLHttpRequest so that `onProgress` hears the bytes
   * sent (fetch cannot report an upload's progress); an expired access token is refreshed once.
   */
  async uploadWithProgress<T>(path: string, field: string, file: File, onProgress: (sent: number, total: number) => void): Promise<T> {
    const once = () =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${this.base}${path}`);
        xhr.setRequestHeader('accept', 'application/json');
        if (this.session) {
          xhr.setRequestHeader('authorization', `Bearer ${this.session.accessToken}`);
          if (this.session.committeeId) xhr.setRequestHeader('x-committee-id', this.session.committeeId);
        }
        xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
        xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached'));
        const form = new FormData();
        form.append(field, file, file.name);
        xhr.send(form);
      });
    let answer = await once();
    if (answer.status === 401 && this.session && (await this.refresh())) answer = await once();
    if (answer.status >= 200 && answer.status < 300) return JSON.parse(answer.text) as T;
    if (answer.status === 401) this.endSession();
    return Promise.reject(await this.errorOf(new Response(answer.text, { status: answer.status, headers: { 'content-type': 'application/json' } })));
  }

  /**
   * A file the API sends (a signed PDF, an attachment, an export), with the name it gave. `onProgress`
   * hears the bytes received so far and the total when the API announced one (exports stream without it).
   */
  async download(
    path: string,
    fallbackName: string,
    anonymous = false,
    onProgress?: (received: number, total: number | null) => void,
  ): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.send('GET', path, { anonymous });
    const fileName = fileNameOf(response, fallbackName);
    if (!onProgress || !response.body) return { blob: await response.blob(), fileName };
    const length = Number(response.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let received = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
    return { blob: new Blob(chunks, { type: response.headers.get('content-type') ?? undefined }), fileName };
  }

  async request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('application/json') ? await response.json() : await response.text()) as T;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    let response = await this.fetchOnce(method, path, options);
    if (response.status === 401 && !options.anonymous && this.session && (await this.refresh())) {
      response = await this.fetchOnce(method, path, options);
    }
    if (response.ok) return response;
    const error = await this.errorOf(response);
    if (response.status === 401 && !options.anonymous) this.endSession();
    throw error;
  }

  private async fetchOnce(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!options.anonymous && this.session) {
      headers.authorization = `Bearer ${this.session.accessToken}`;
      if (this.session.committeeId) headers['x-committee-id'] = this.session.committeeId;
    }
    let body: BodyInit | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return await fetch(`${this.base}${path}${queryString(options.query)}`, { method, headers, body });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The server could not be reached');
    }
  }

  private refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        const refreshToken = this.session?.refreshToken;
        if (!refreshToken) return false;
        const response = await this.fetchOnce('POST', '/auth/refresh', { body: { refreshToken }, anonymous: true });
        if (!response.ok) return false;
        const tokens = (await response.json()) as TokenPair;
        if (!this.session) return false;
        this.session = { ...this.session, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
        this.save();
        return true;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async errorOf(response: Response): Promise<ApiError> {
    try {
      const body = (await response.json()) as Partial<ApiErrorBody>;
      return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText, body.details);
    } catch {
      return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
    }
  }

  private endSession(): void {
    if (!this.session) return;
    this.session = null;
    this.storage.removeItem(STORAGE_KEY);
    for (const listener of this.listeners) listener();
  }

  private save(): void {
    if (this.session) this.storage.setItem(STORAGE_KEY, JSON.stringify(this.session));
  }
}

export const api = new ApiClient();

/** Saves a downloaded file under its name (the browser's own download). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
