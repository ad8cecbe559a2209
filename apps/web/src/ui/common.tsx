import { Alert, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { AssignmentStatus, DueExplanation, ProposalStatus, ReplyStatus } from '../api/types';

/** What to do about an error, in the user's language: by the API's code, else by the HTTP status. */
export function useErrorText(): (error: unknown) => { hint: string; detail: string | null } {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return { hint: t('errors.status500'), detail: error instanceof Error ? error.message : null };
      const code = error.code.endsWith('_ILLEGAL_TRANSITION') ? 'ILLEGAL_TRANSITION' : error.code.endsWith('_NOT_FOUND') ? 'NOT_FOUND' : error.code;
      const missing = Array.isArray(error.details?.missing) ? (error.details.missing as string[]).join('、') : '';
      // The staff screens' own refusals (staff.zh.ts) after the shared ones.
      const key = [`errors.${code}`, `staff.errors.${code}`].find((k) => i18n.exists(k));
      const status = error.status >= 500 || error.status === 0 ? 500 : error.status;
      const hint = key ? t(key, { missing }) : i18n.exists(`errors.status${status}`) ? t(`errors.status${status}`) : t('errors.status500');
      const fields = error.fields.length > 0 ? t('errors.fields', { fields: error.fields.join('、') }) : null;
      const said = error.code === 'NETWORK' ? null : t('errors.serverSaid', { message: error.message });
      return { hint, detail: [fields, said].filter(Boolean).join(' ') || null };
    },
    [t, i18n],
  );
}

/** An error the user can act on: what to do first, then the API's own words. Announced to screen readers. */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  const { hint, detail } = text(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('errors.title')}
      description={
        <>
          <div>{hint}</div>
          {detail && <div className="error-detail">{detail}</div>}
        </>
      }
      closable={onClose ? { onClose } : undefined}
      className="page-alert"
    />
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads once per change of deps (primitives: ids, filters, page numbers); `reload` loads again. The last
 * data stays shown while the next loads; an answer that arrives after the deps changed is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: ReadonlyArray<string | number | boolean | null | undefined>): Loaded<T> {
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([...deps, tick]);
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown }>({ key: null, data: undefined, error: null });
  const run = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    run()
      .then((data) => {
        if (current) setState({ key, data, error: null });
      })
      .catch((error: unknown) => {
        if (current) setState((previous) => ({ key, data: previous.data, error }));
      });
    return () => {
      current = false;
    };
  }, [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}

/** Runs an action with a pending flag and its error kept for display. */
export function useAction(): {
  pending: string | null;
  error: unknown;
  clear: () => void;
  run: <T>(name: string, action: () => Promise<T>) => Promise<T | undefined>;
} {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(name: string, action: () => Promise<T>) => {
    setPending(name);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setPending(null);
    }
  }, []);
  return { pending, error, clear: () => setError(null), run };
}

const PROPOSAL_COLORS: Partial<Record<ProposalStatus, string>> = {
  draft: 'default',
  submitted: 'processing',
  under_review: 'processing',
  filed: 'blue',
  assigned: 'geekblue',
  in_handling: 'purple',
  replied: 'cyan',
  closed: 'success',
  not_filed: 'error',
  withdrawn: 'default',
};

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROPOSAL_COLORS[status] ?? 'default'}>{t(`proposal.statuses.${status}`)}</Tag>;
}

export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  const color = status === 'assigned' ? 'warning' : status === 'accepted' ? 'processing' : status === 'reassigned' ? 'default' : 'success';
  return <Tag color={color}>{t(`assignment.statuses.${status}`)}</Tag>;
}

export function ReplyStatusTag({ status }: { status: ReplyStatus }) {
  const { t } = useTranslation();
  const color = status === 'awaiting_signoff' ? 'warning' : status === 'dispatched' ? 'success' : status === 'signed' ? 'blue' : 'default';
  return <Tag color={color}>{t(`reply.statuses.${status}`)}</Tag>;
}

/** 自 2021-08-05 起 3 个月，至 2021-11-05 */
/** 暂定: a due date counted on the statutory holidays of a year whose schedule is not loaded yet. */
export function ProvisionalTag() {
  const { t } = useTranslation();
  return (
    <Tag color="warning" className="provisional-tag" title={t('assignment.provisionalHint')}>
      {t('assignment.provisional')}
    </Tag>
  );
}

export function DueText({ explanation }: { explanation: DueExplanation }) {
  const { t } = useTranslation();
  return (
    <span>
      {t('assignment.dueExplain', {
        start: explanation.start,
        amount: explanation.amount,
        unit: t(`assignment.dueUnits.${explanation.unit}`),
        due: explanation.due,
      })}
      {explanation.provisional && <ProvisionalTag />}
    </span>
  );
}

/**
 * The deployment's TIME_ZONE, which the API writes into index.html: every date in the documents, notices
 * and exports is in it. China time when the page did not come from the API (the Vite dev server).
 */
const TIME_ZONE = document.querySelector<HTMLMetaElement>('meta[name="time-zone"]')?.content || 'Asia/Shanghai';

/** A date-time from the API shown in the deployment's zone, as the documents show it. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function numberText(t: TFunction, number: number | null): string {
  return number === null ? '—' : t('proposal.numberValue', { number });
}
