import { App, Progress } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Query, saveFile } from '../api/client';

interface Downloading {
  name: string;
  received: number;
  total: number | null;
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * Downloads a file the API makes (Excel export, yearly report) with the bearer token — a bare link would
 * not carry it — showing the bytes received (and the share, when the API gives the length), then saves it.
 * `progress` is the element to place near the buttons; `error` is the last failure.
 */
export function useDownload(): {
  pending: string | null;
  error: unknown;
  clear: () => void;
  start: (key: string, path: string, query: Query, fallbackName: string) => Promise<void>;
  progress: ReactNode;
} {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [state, setState] = useState<(Downloading & { key: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const start = useCallback(
    async (key: string, path: string, query: Query, fallbackName: string) => {
      setError(null);
      setState({ key, name: fallbackName, received: 0, total: null });
      try {
        const { blob, fileName } = await api.download(withQuery(path, query), fallbackName, false, (received, total) =>
          setState({ key, name: fallbackName, received, total }),
        );
        saveFile(blob, fileName);
        void message.success(t('staff.common.downloaded', { name: fileName }));
      } catch (caught) {
        setError(caught);
      } finally {
        setState(null);
      }
    },
    [message, t],
  );
  const progress = (
    <div role="status" aria-live="polite" className="download-progress">
      {state && (
        <>
          <span>
            {t('staff.common.downloading', { name: state.name })} · {size(state.received)}
            {state.total ? ` / ${size(state.total)}` : ''}
          </span>
          {/* Exports stream without a length: then the bytes received are the progress, and no bar pretends to know the share. */}
          {state.total && <Progress percent={Math.round((state.received / state.total) * 100)} status="active" size="small" />}
        </>
      )}
    </div>
  );
  return { pending: state?.key ?? null, error, clear: () => setError(null), start, progress };
}
