import { Alert, App, Button, Card, Checkbox, Input, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import type { AssignResult, Code, Page, Proposal, Recommendation, Unit } from '../api/types';
import { ErrorAlert, numberText, useLoad } from '../ui/common';
import { PAGE_SIZE } from '../ui/query';
import '../ui/staff.css';

/** The API takes at most this many proposals per 交办会 call (each call all or nothing). */
export const BULK_LIMIT = 500;
/** Recommendations are fetched a few at a time: quick for a dozen, gentle on the server for hundreds. */
const PARALLEL = 4;

interface PlanItem {
  proposal: Proposal;
  leadUnitId?: string;
  coUnitIds: string[];
  key: boolean;
  urgent: boolean;
  reasons: string;
}

interface Refusal {
  index: number;
  title: string;
  fields: string[];
  batch: number;
  done: number;
  error: ApiError;
}

/** Runs `work` over `items`, `PARALLEL` at a time, telling how many are done. */
async function inParallel<T, R>(items: T[], work: (item: T) => Promise<R>, onDone: (done: number) => void): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return results;
}

/**
 * 交办会: staff tick filed proposals (paged, searched, filtered by category), load each one's recommended
 * units as its lead and co-units, adjust them and the key/urgent flags, and assign them all. The API takes
 * 500 per call, all or nothing, so a larger plan goes in batches with its progress shown; a refused item is
 * named by its title and the field the API refused, and the batches before it stay assigned.
 */
export function BulkAssignPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string>('');
  const [selected, setSelected] = useState<Map<string, Proposal>>(new Map());
  const [plan, setPlan] = useState<PlanItem[]>([]);
  const [planPage, setPlanPage] = useState(1);
  const [preparing, setPreparing] = useState<{ done: number; total: number } | null>(null);
  const [submitting, setSubmitting] = useState<{ done: number; total: number } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showMissing, setShowMissing] = useState(false);

  const list = useLoad(
    () => api.get<Page<Proposal>>('/proposals', { status: 'filed', q: q || undefined, category: category || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: 'number' }),
    [page, q, category],
  );
  const reference = useLoad(() => Promise.all([api.get<Unit[]>('/units', { kind: 'handling' }), api.get<Code[]>('/code-tables/category')]), []);
  const [units, categories] = reference.data ?? [[], []];
  const unitOptions = units.filter((u) => !u.parentId).map((u) => ({ value: u.id, label: u.name }));

  const prepare = async () => {
    const planned = new Set(plan.map((item) => item.proposal.id));
    const fresh = [...selected.values()].filter((p) => !planned.has(p.id));
    setError(null);
    setPreparing({ done: 0, total: fresh.length });
    try {
      const recommendations = await inParallel(
        fresh,
        (p) => api.get<Recommendation>(`/proposals/${p.id}/recommended-units`),
        (done) => setPreparing({ done, total: fresh.length }),
      );
      const items = fresh.map((proposal, i): PlanItem => {
        const r = recommendations[i];
        const lead = r.lead[0];
        const co = r.co[0];
        return {
          proposal,
          leadUnitId: lead?.unitId,
          coUnitIds: co ? [co.unitId] : [],
          key: proposal.key,
          urgent: proposal.urgent,
          reasons: [lead && `${lead.unitName}：${lead.reasons.join('；')}`, co && `${co.unitName}：${co.reasons.join('；')}`].filter(Boolean).join(' / '),
        };
      });
      setPlan((current) => [...current, ...items]);
    } catch (caught) {
      setError(caught);
    } finally {
      setPreparing(null);
    }
  };

  const change = (id: string, changes: Partial<PlanItem>) => setPlan((current) => current.map((item) => (item.proposal.id === id ? { ...item, ...changes } : item)));
  const drop = (id: string) => {
    setPlan((current) => current.filter((item) => item.proposal.id !== id));
    setSelected((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  };

  const missing = plan.filter((item) => !item.leadUnitId);
  const submit = async () => {
    setRefusal(null);
    setError(null);
    if (missing.length > 0) {
      setShowMissing(true);
      return;
    }
    setShowMissing(false);
    let remaining = plan;
    let assigned = 0;
    setSubmitting({ done: 0, total: plan.length });
    try {
      while (remaining.length > 0) {
        const batch = remaining.slice(0, BULK_LIMIT);
        try {
          await api.post<AssignResult[]>('/assignments/bulk', {
            items: batch.map((item) => ({
              proposalId: item.proposal.id,
              version: item.proposal.version,
              leadUnitId: item.leadUnitId,
              coUnitIds: item.coUnitIds.filter((id) => id !== item.leadUnitId),
              key: item.key,
              urgent: item.urgent,
            })),
          });
        } catch (caught) {
          const index = caught instanceof ApiError && typeof caught.details?.item === 'number' ? caught.details.item : null;
          if (caught instanceof ApiError && index !== null && batch[index]) {
            const fields = caught.fields.map((f) => f.replace(/^items\[\d+\]\./, ''));
            setRefusal({ index: assigned + index + 1, title: batch[index].proposal.title, fields, batch: batch.length, done: assigned, error: caught });
          } else setError(caught);
          return;
        }
        assigned += batch.length;
        remaining = remaining.slice(batch.length);
        setPlan(remaining);
        setSubmitting({ done: assigned, total: plan.length });
      }
      void message.success(t('staff.bulk.done', { count: assigned }));
      setSelected(new Map());
      setPlanPage(1);
      list.reload();
    } finally {
      setSubmitting(null);
    }
  };

  const selectedOnPage = (list.data?.items ?? []).filter((p) => selected.has(p.id)).map((p) => p.id);
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.bulk.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph>{t('staff.bulk.intro')}</Typography.Paragraph>
      <Card className="panel" title={<h2 className="card-title">{t('staff.bulk.pick')}</h2>} extra={<span role="status">{t('staff.bulk.selectedCount', { count: selected.size })}</span>}>
        <Space wrap className="filters" role="search">
          <Select
            aria-label={t('staff.bulk.category')}
            className="filter-status"
            value={category}
            onChange={(value: string) => {
              setCategory(value);
              setPage(1);
            }}
            options={[{ value: '', label: t('app.all') }, ...categories.map((c) => ({ value: c.code, label: c.label }))]}
          />
          <Input.Search
            aria-label={t('staff.bulk.searchPlaceholder')}
            placeholder={t('staff.bulk.searchPlaceholder')}
            allowClear
            enterButton={t('app.search')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            className="filter-search"
          />
        </Space>
        <ErrorAlert error={list.error ?? reference.error} />
        <Table<Proposal>
          rowKey="id"
          size="small"
          loading={list.loading}
          className="selectable-table"
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('staff.bulk.none') }}
          rowSelection={{
            selectedRowKeys: selectedOnPage,
            preserveSelectedRowKeys: true,
            getCheckboxProps: (p) => ({ 'aria-label': p.title }),
            onChange: (keys) => {
              setSelected((current) => {
                const next = new Map(current);
                for (const p of list.data?.items ?? []) {
                  if (keys.includes(p.id)) next.set(p.id, p);
                  else next.delete(p.id);
                }
                return next;
              });
            },
          }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('app.total', { total }), onChange: setPage }}
          columns={[
            { title: t('proposal.number'), dataIndex: 'number', render: (n: number | null) => numberText(t, n) },
            { title: t('proposal.title'), dataIndex: 'title', render: (title: string, p) => <Link to={`/proposals/${p.id}`}>{title}</Link> },
            { title: t('proposal.category'), dataIndex: 'category', render: (c: string | null) => c ?? '—' },
            { title: t('proposal.proposers'), key: 'proposers', render: (_: unknown, p) => p.proposers.map((x) => x.displayName).join('、') },
          ]}
        />
        <Space wrap className="actions">
          <Button type="primary" disabled={selected.size === 0 || preparing !== null} loading={preparing !== null} onClick={() => void prepare()}>
            {t('staff.bulk.prepare')}
          </Button>
          <Button
            disabled={selected.size === 0}
            onClick={() => {
              setSelected(new Map());
              setPlan([]);
            }}
          >
            {t('staff.bulk.clearSelection')}
          </Button>
        </Space>
        <div role="status" aria-live="polite">
          {preparing && (
            <>
              <span>{t('staff.bulk.preparing', preparing)}</span>
              <Progress percent={preparing.total ? Math.round((preparing.done / preparing.total) * 100) : 0} size="small" />
            </>
          )}
        </div>
      </Card>

      {plan.length > 0 && (
        <Card className="panel" title={<h2 className="card-title">{t('staff.bulk.plan')}</h2>}>
          {showMissing && missing.length > 0 && <Alert type="error" showIcon role="alert" className="page-alert" title={t('staff.bulk.leadMissing', { count: missing.length })} />}
          {refusal && (
            <Alert
              type="error"
              showIcon
              role="alert"
              className="page-alert"
              title={t('staff.bulk.refused', { index: refusal.index, title: refusal.title, field: refusal.fields.join('、') || refusal.error.code, batch: refusal.batch })}
              description={
                <>
                  {refusal.done > 0 && <div>{t('staff.bulk.partlyDone', { count: refusal.done })}</div>}
                  <div className="error-detail">{t('errors.serverSaid', { message: refusal.error.message })}</div>
                </>
              }
            />
          )}
          <ErrorAlert error={error} onClose={() => setError(null)} />
          <Table<PlanItem>
            rowKey={(item) => item.proposal.id}
            size="small"
            scroll={{ x: 'max-content' }}
            dataSource={plan}
            rowClassName={(item) => (showMissing && !item.leadUnitId ? 'bulk-item-missing' : '')}
            pagination={{ current: planPage, pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true, onChange: setPlanPage, showTotal: (total) => t('app.total', { total }) }}
            columns={[
              { title: t('proposal.title'), key: 'title', render: (_: unknown, item) => `${numberText(t, item.proposal.number)} ${item.proposal.title}` },
              {
                title: t('staff.bulk.leadUnit'),
                key: 'lead',
                render: (_: unknown, item) => (
                  <Select
                    className="bulk-lead"
                    aria-label={`${t('staff.bulk.leadUnit')}：${item.proposal.title}`}
                    status={showMissing && !item.leadUnitId ? 'error' : undefined}
                    value={item.leadUnitId}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={unitOptions}
                    onChange={(leadUnitId: string) => change(item.proposal.id, { leadUnitId, coUnitIds: item.coUnitIds.filter((id) => id !== leadUnitId) })}
                  />
                ),
              },
              {
                title: t('staff.bulk.coUnits'),
                key: 'co',
                render: (_: unknown, item) => (
                  <Select
                    className="bulk-co"
                    mode="multiple"
                    allowClear
                    aria-label={`${t('staff.bulk.coUnits')}：${item.proposal.title}`}
                    value={item.coUnitIds}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={unitOptions.filter((u) => u.value !== item.leadUnitId)}
                    onChange={(coUnitIds: string[]) => change(item.proposal.id, { coUnitIds })}
                  />
                ),
              },
              {
                title: t('staff.bulk.key'),
                key: 'key',
                render: (_: unknown, item) => <Checkbox checked={item.key} aria-label={`${t('staff.bulk.key')}：${item.proposal.title}`} onChange={(e) => change(item.proposal.id, { key: e.target.checked })} />,
              },
              {
                title: t('staff.bulk.urgent'),
                key: 'urgent',
                render: (_: unknown, item) => <Checkbox checked={item.urgent} aria-label={`${t('staff.bulk.urgent')}：${item.proposal.title}`} onChange={(e) => change(item.proposal.id, { urgent: e.target.checked })} />,
              },
              { title: t('staff.bulk.reasons'), dataIndex: 'reasons', render: (r: string) => <Typography.Text type="secondary">{r || '—'}</Typography.Text> },
              {
                title: t('app.actions'),
                key: 'drop',
                render: (_: unknown, item) => (
                  <Button size="small" aria-label={t('staff.bulk.removeItem', { title: item.proposal.title })} onClick={() => drop(item.proposal.id)}>
                    {t('staff.bulk.removeShort')}
                  </Button>
                ),
              },
            ]}
          />
          <Space wrap className="actions">
            <Button type="primary" loading={submitting !== null} onClick={() => void submit()}>
              {t('staff.bulk.submit', { count: plan.length })}
            </Button>
          </Space>
          <div role="status" aria-live="polite">
            {submitting && (
              <>
                <span>{t('staff.bulk.submitting', submitting)}</span>
                <Progress percent={Math.round((submitting.done / Math.max(1, submitting.total)) * 100)} size="small" />
              </>
            )}
          </div>
        </Card>
      )}
    </section>
  );
}
