import { Alert, Button, Card, Progress, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { ErrorAlert } from '../ui/common';
import { useDownload } from '../ui/download';
import { useQueryState } from '../ui/query';
import { useSessionContext } from '../session';
import '../ui/staff.css';

type ImportKind = 'members' | 'units' | 'users' | 'history' | 'paper';

interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}

interface ImportReport {
  kind: ImportKind;
  sha256: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  written: boolean;
  links: Array<{ label: string; href: string }>;
}

/** Where each kind's routes are: the org kinds are the administrators', the proposal kinds the staff's. */
const GROUP: Readonly<Record<ImportKind, 'org' | 'proposals'>> = { members: 'org', units: 'org', users: 'org', history: 'proposals', paper: 'proposals' };

const counts = (report: ImportReport) => ({ rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged });

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** One kind: template and export downloads, the file, its dry run (every problem by row and column), confirm, the result. */
function ImportPanel({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const base = `/imports/${GROUP[kind]}/${kind}`;
  const download = useDownload();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (path: string) => {
    if (!file) return;
    setError(null);
    setSending({ sent: 0, total: file.size });
    try {
      setReport(await api.uploadWithProgress<ImportReport>(path, 'file', file, (sent, total) => setSending({ sent, total })));
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(null);
    }
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    setError(null);
  };

  const written = report?.written === true;
  return (
    <Card>
      <Typography.Paragraph>{t(`imports.kindHelp.${kind}`)}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => void download.start(`${kind}-template`, `${base}/template.xlsx`, {}, `${t(`imports.kinds.${kind}`)}.xlsx`)} loading={download.pending === `${kind}-template`}>
          {t('imports.template')}
        </Button>
        <Button onClick={() => void download.start(`${kind}-export`, `${base}/export.xlsx`, {}, `${t(`imports.kinds.${kind}`)}.xlsx`)} loading={download.pending === `${kind}-export`}>
          {t('imports.export')}
        </Button>
      </Space>
      {download.progress}
      <ErrorAlert error={download.error} onClose={download.clear} />
      <div className="import-file">
        <label htmlFor={`import-file-${kind}`}>{t('imports.file')}</label>
        <input
          id={`import-file-${kind}`}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
        {file && <Typography.Text type="secondary">{t('imports.fileChosen', { name: file.name, size: size(file.size) })}</Typography.Text>}
      </div>
      {!written && (
        <Button type="primary" disabled={!file || sending !== null} onClick={() => void send(`${base}/dry-run`)}>
          {t('imports.check')}
        </Button>
      )}
      <div role="status" aria-live="polite">
        {sending && file && (
          <>
            <span>{sending.sent < sending.total ? t('imports.uploading', { name: file.name }) : t('imports.checking')}</span>
            <Progress percent={Math.round((sending.sent / Math.max(sending.total, 1)) * 100)} status="active" size="small" />
          </>
        )}
      </div>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {report && !written && (
        <section aria-label={t('imports.check')} className="import-report">
          <Typography.Paragraph strong>{t('imports.summary', counts(report))}</Typography.Paragraph>
          {report.problems.length > 0 ? (
            <>
              <Alert type="warning" showIcon title={t('imports.problemsTitle', { count: report.problems.length })} />
              <Table<ImportProblem>
                rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
                dataSource={report.problems}
                size="small"
                pagination={{ pageSize: 20, showSizeChanger: false }}
                columns={[
                  { title: t('imports.columns.row'), dataIndex: 'row', width: 80 },
                  { title: t('imports.columns.column'), dataIndex: 'column', width: 140 },
                  { title: t('imports.columns.message'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <>
              <Alert type="success" showIcon title={t('imports.noProblems')} description={t('imports.confirmHint')} />
              <Button type="primary" className="import-confirm" disabled={sending !== null} onClick={() => void send(base)}>
                {t('imports.confirm')}
              </Button>
            </>
          )}
        </section>
      )}
      {report && written && (
        <section aria-label={t('imports.links')} className="import-report">
          <Alert type="success" showIcon role="status" title={t('imports.done', counts(report))} description={t('imports.sha', { sha: report.sha256 })} />
          {report.links.length > 0 && (
            <>
              <Typography.Title level={3}>{t('imports.links')}</Typography.Title>
              <ul className="import-links">
                {report.links.map((link) => (
                  <li key={link.href}>
                    <Link to={link.href}>{link.label}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Button onClick={() => choose(null)}>{t('imports.again')}</Button>
        </section>
      )}
    </Card>
  );
}

/** 批量导入: administrators import members, units and users; committee staff a past session's proposals and paper proposals. */
export function ImportsPage() {
  const { t } = useTranslation();
  const { session } = useSessionContext();
  const [params, update] = useQueryState();
  const kinds: ImportKind[] = [...(session?.has('admin') ? (['members', 'units', 'users'] as const) : []), ...(session?.has('staff') ? (['history', 'paper'] as const) : [])];
  const tab = (params.get('kind') as ImportKind | null) ?? kinds[0];
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('imports.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph>{t('imports.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ kind: key })}
        destroyOnHidden
        items={kinds.map((kind) => ({ key: kind, label: t(`imports.kinds.${kind}`), children: <ImportPanel kind={kind} /> }))}
      />
    </section>
  );
}
