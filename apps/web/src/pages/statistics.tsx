import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { DrillItem, DrillPage, FigureKind, FigureView, StatisticsView, UnitLine } from '../api/staff-types';
import type { Session } from '../api/types';
import { ErrorAlert, numberText, useLoad } from '../ui/common';
import { useDownload } from '../ui/download';
import { type ChartOption, EChart } from '../ui/echart';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import { UrgeButton, type UrgeTarget } from '../ui/urge';
import '../ui/staff.css';

/** The figures shown first, as cards, in this order (grade shares follow the committee's grade codes). */
const HEADLINE = ['replyRate', 'onTimeRate', 'avgDaysToReply', 'overdue', 'satisfiedRate', 'basicallySatisfiedRate', 'firstPassRate', 'rehandled', 'participationRate'];
const UNIT_COLUMNS = ['assignments', 'lead', 'co', 'replyRate', 'onTimeRate', 'avgDaysToReply', 'overdue', 'satisfiedRate'];
const GRADE_SHARE = /^grade([A-Z0-9]{1,4})Share$/;

export function figureText(t: TFunction, kind: FigureKind, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'average') return t('staff.stats.days', { value: value.toFixed(1) });
  if (kind === 'max') return t('staff.stats.days', { value });
  return String(value);
}

/** The drill-down address of a figure: the scope of the page, optionally one unit's line. */
function drillPath(figure: string, scope: { sessionId?: string; asOf?: string }, unitId?: string): string {
  const params = new URLSearchParams({ figure });
  if (scope.sessionId) params.set('sessionId', scope.sessionId);
  if (scope.asOf) params.set('asOf', scope.asOf);
  if (unitId) params.set('unitId', unitId);
  return `/statistics/drill?${params.toString()}`;
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? 0 : Math.round(value * 1000) / 10);

/**
 * 提案办理统计: the committee's figures for one session or all of them as of a date (from the address, so a
 * link or reload keeps them), each figure leading to its rows; charts with the same figures in tables;
 * the per-unit table; the overdue list with 催办; Excel exports and the yearly PDF downloaded with progress.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryState();
  const sessionId = params.get('sessionId') ?? undefined;
  const asOf = params.get('asOf') ?? undefined;
  const scope = { sessionId, asOf };
  const sessions = useLoad(() => api.get<Session[]>('/sessions'), []);
  const stats = useLoad(() => api.get<StatisticsView>('/statistics', { sessionId, asOf }), [sessionId, asOf]);
  const download = useDownload();
  const [year, setYear] = useState<number | null>(null);

  const view = stats.data;
  const summaryDefs = view?.definitions.summary ?? [];
  const byKey = new Map(summaryDefs.map((d) => [d.key, d]));
  const headline = [...HEADLINE.slice(0, 7), ...summaryDefs.filter((d) => GRADE_SHARE.test(d.key)).map((d) => d.key), ...HEADLINE.slice(7)]
    .map((key) => byKey.get(key))
    .filter((d): d is FigureView => Boolean(d));
  const reportYear = year ?? view?.sessions.find((s) => s.id === sessionId)?.year ?? view?.sessions.at(-1)?.year ?? new Date().getFullYear();

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.stats.title')}
        </Typography.Title>
      </div>
      <Space wrap className="filters" role="search">
        <Select
          aria-label={t('staff.stats.session')}
          className="filter-session"
          value={sessionId ?? ''}
          onChange={(value: string) => update({ sessionId: value || undefined })}
          options={[{ value: '', label: t('staff.stats.allSessions') }, ...(sessions.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          popupMatchSelectWidth={false}
        />
        <label className="inline-field">
          <span>{t('staff.stats.asOf')}</span>
          <Input type="date" value={asOf ?? ''} onChange={(event) => update({ asOf: event.target.value || undefined })} aria-describedby="as-of-hint" />
          <span id="as-of-hint" className="visually-hidden">
            {t('staff.stats.asOfHint')}
          </span>
        </label>
        <Button onClick={stats.reload}>{t('app.refresh')}</Button>
      </Space>
      <ErrorAlert error={stats.error ?? sessions.error} />
      {view && (
        <Typography.Paragraph type="secondary">
          {t('staff.stats.sessionsCounted', { sessions: view.sessions.map((s) => s.name).join('、') || '—', asOf: view.asOf })}
        </Typography.Paragraph>
      )}

      {view?.summary && (
        <Card className="panel" title={<h2 className="card-title">{t('staff.stats.headline')}</h2>} loading={stats.loading && !view}>
          <Row gutter={[12, 12]}>
            {headline.map((figure) => (
              <Col key={figure.key} xs={12} sm={8} lg={6} xl={4}>
                <Link to={drillPath(figure.drill, scope)} className="figure-card" aria-label={`${figure.label} ${figureText(t, figure.kind, view.summary?.[figure.key])}，${t('staff.stats.drillHint', { label: figure.label })}`}>
                  <span className="figure-label">{figure.label}</span>
                  <span className="figure-value">{figureText(t, figure.kind, view.summary?.[figure.key])}</span>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {view && !view.summary && <Alert type="info" showIcon title={t('staff.stats.leaderOnly')} className="panel" />}

      {view && <Charts view={view} />}

      {view?.summary && (
        <Card className="panel" title={<h2 className="card-title">{t('staff.stats.allFigures')}</h2>}>
          <Table<FigureView>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={summaryDefs}
            columns={[
              { title: t('staff.stats.figure'), dataIndex: 'label' },
              {
                title: t('staff.stats.value'),
                key: 'value',
                align: 'right',
                render: (_: unknown, f) => <Link to={drillPath(f.drill, scope)} aria-label={`${f.label}：${figureText(t, f.kind, view.summary?.[f.key])}，${t('staff.stats.drillHint', { label: f.label })}`}>{figureText(t, f.kind, view.summary?.[f.key])}</Link>,
              },
            ]}
          />
        </Card>
      )}

      {view && <UnitTable view={view} scope={scope} />}
      {view?.summary && <OverdueList scope={scope} />}

      <Card className="panel" title={<h2 className="card-title">{t('staff.stats.exports')}</h2>}>
        <ErrorAlert error={download.error} onClose={download.clear} />
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={download.pending === 'statistics'} onClick={() => void download.start('statistics', '/exports/statistics.xlsx', scope, '提案办理统计.xlsx')}>
            {t('staff.stats.exportStatistics')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={download.pending === 'feedback'} onClick={() => void download.start('feedback', '/exports/feedback.xlsx', { sessionId }, '征询意见表.xlsx')}>
            {t('staff.stats.exportFeedback')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={download.pending === 'proposals'} onClick={() => void download.start('proposals', '/exports/proposals.xlsx', { sessionId }, '提案清单.xlsx')}>
            {t('staff.stats.exportProposals')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={download.pending === 'assignments'} onClick={() => void download.start('assignments', '/exports/assignments.xlsx', {}, '交办清单.xlsx')}>
            {t('staff.stats.exportAssignments')}
          </Button>
        </Space>
        <Space wrap className="actions">
          <label className="inline-field">
            <span>{t('staff.stats.year')}</span>
            <InputNumber min={1949} max={2100} value={reportYear} onChange={(value) => setYear(typeof value === 'number' ? value : null)} />
          </label>
          <Button icon={<DownloadOutlined />} loading={download.pending === 'yearly'} onClick={() => void download.start('yearly', '/reports/yearly.pdf', { year: reportYear }, `年度报告-${reportYear}.pdf`)}>
            {t('staff.stats.yearlyReport')}
          </Button>
        </Space>
        {download.progress}
      </Card>
    </section>
  );
}

/** The per-unit rates, the grade shares and the satisfaction, drawn; each with its figures as the text alternative. */
function Charts({ view }: { view: StatisticsView }) {
  const { t } = useTranslation();
  const summary = view.summary;
  const unitDefs = new Map(view.definitions.unit.map((d) => [d.key, d]));
  const rates = useMemo<ChartOption>(
    () => ({
      aria: { enabled: false },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: view.units.map((u) => u.unitName), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [
        { type: 'bar', name: unitDefs.get('replyRate')?.label ?? 'replyRate', data: view.units.map((u) => percent(u.figures.replyRate)), itemStyle: { color: '#a8071a' } },
        { type: 'bar', name: unitDefs.get('onTimeRate')?.label ?? 'onTimeRate', data: view.units.map((u) => percent(u.figures.onTimeRate)), itemStyle: { color: '#0958d9' } },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view],
  );
  const gradeDefs = view.definitions.summary.filter((d) => GRADE_SHARE.test(d.key));
  const grades = gradeDefs.map((d) => ({ name: d.label, value: percent(summary?.[d.key]) }));
  const satisfaction = ['satisfied', 'basicallySatisfied', 'dissatisfied'].map((key) => ({
    name: view.definitions.summary.find((d) => d.key === key)?.label ?? key,
    value: summary?.[key] ?? 0,
  }));
  const pie = (data: Array<{ name: string; value: number }>, unit: string): ChartOption => ({
    aria: { enabled: false },
    tooltip: { trigger: 'item', valueFormatter: (v) => `${String(v)}${unit}` },
    legend: { bottom: 0 },
    // Empty slices keep their legend entry but no label, so the labels of the others do not pile up.
    series: [{ type: 'pie', radius: ['35%', '65%'], data: data.map((d) => ({ ...d, label: { show: d.value > 0 } })), label: { formatter: `{b}\n{c}${unit}` } }],
  });
  const ratesLabel = t('staff.stats.chartRatesSummary', {
    lines: view.units.map((u) => `${u.unitName} ${figureText(t, 'rate', u.figures.replyRate)}／${figureText(t, 'rate', u.figures.onTimeRate)}`).join('；') || t('staff.stats.noData'),
  });
  return (
    <Card className="panel" title={<h2 className="card-title">{t('staff.stats.charts')}</h2>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <h3 className="subsection-title">{t('staff.stats.chartRates')}</h3>
          {view.units.length > 0 ? <EChart option={rates} label={ratesLabel} height={Math.max(200, 40 + view.units.length * 36)} /> : <Typography.Text type="secondary">{t('staff.stats.noData')}</Typography.Text>}
        </Col>
        {summary && (
          <Col xs={24} sm={12} lg={6}>
            <h3 className="subsection-title">{t('staff.stats.chartGrades')}</h3>
            <EChart option={pie(grades, '%')} label={t('staff.stats.chartGradesSummary', { parts: grades.map((g) => `${g.name} ${g.value}%`).join('；') })} height={260} />
          </Col>
        )}
        {summary && (
          <Col xs={24} sm={12} lg={6}>
            <h3 className="subsection-title">{t('staff.stats.chartSatisfaction')}</h3>
            <EChart option={pie(satisfaction, '')} label={t('staff.stats.chartSatisfactionSummary', { parts: satisfaction.map((s) => `${s.name} ${s.value}`).join('；') })} height={260} />
          </Col>
        )}
      </Row>
    </Card>
  );
}

function UnitTable({ view, scope }: { view: StatisticsView; scope: { sessionId?: string; asOf?: string } }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const defs = view.definitions.unit;
  const columns = UNIT_COLUMNS.map((key) => defs.find((d) => d.key === key)).filter((d): d is FigureView => Boolean(d));
  const lines = view.units.filter((u) => u.unitName.includes(q.trim()));
  return (
    <Card className="panel" title={<h2 className="card-title">{t('staff.stats.units')}</h2>}>
      <Input.Search aria-label={t('staff.common.filterByName')} placeholder={t('staff.common.filterByName')} allowClear onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} className="filter-search" />
      <Table<UnitLine>
        rowKey="unitId"
        size="small"
        scroll={{ x: 'max-content' }}
        dataSource={lines}
        pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('app.total', { total }) }}
        columns={[
          { title: t('staff.common.unit'), dataIndex: 'unitName' },
          ...columns.map((f) => ({
            title: f.label,
            key: f.key,
            align: 'right' as const,
            render: (_: unknown, line: UnitLine) => (
              <Link to={drillPath(f.drill, scope, line.unitId)} aria-label={`${line.unitName} ${f.label}：${figureText(t, f.kind, line.figures[f.key])}`}>
                {figureText(t, f.kind, line.figures[f.key])}
              </Link>
            ),
          })),
        ]}
      />
    </Card>
  );
}

const targetOf = (item: DrillItem): UrgeTarget | null => (item.proposalId && item.unitId ? { proposalId: item.proposalId, unitId: item.unitId } : null);
const rowKey = (item: DrillItem) => `${item.proposalId}-${item.unitId}-${item.role}`;

/** 超期未办复: the assignments past their reply date, most overdue first as the API orders them, each with 催办. */
function OverdueList({ scope }: { scope: { sessionId?: string; asOf?: string } }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<DrillItem[]>([]);
  const list = useLoad(() => api.get<DrillPage>('/statistics/drill', { figure: 'overdue', ...scope, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [page, scope.sessionId, scope.asOf]);
  const targets = selected.map(targetOf).filter((x): x is UrgeTarget => x !== null);
  return (
    <Card
      className="panel"
      title={<h2 className="card-title">{t('staff.stats.overdue')}</h2>}
      extra={<UrgeButton targets={targets} label={t('staff.urge.selected', { count: targets.length })} onDone={() => setSelected([])} primary />}
    >
      <ErrorAlert error={list.error} />
      <Table<DrillItem>
        rowKey={rowKey}
        size="small"
        loading={list.loading}
        className="selectable-table"
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('staff.stats.overdueNone') }}
        rowSelection={{
          selectedRowKeys: selected.map(rowKey),
          onChange: (_keys, rows) => setSelected(rows),
          getCheckboxProps: (item) => ({ 'aria-label': `${item.title ?? ''} ${item.unitName ?? ''}` }),
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('app.total', { total }), onChange: setPage }}
        columns={[
          { title: t('staff.drill.number'), dataIndex: 'number', render: (n: number | null) => numberText(t, n) },
          { title: t('staff.drill.proposal'), dataIndex: 'title', render: (title: string | null, item) => (item.proposalId ? <Link to={`/proposals/${item.proposalId}`}>{title}</Link> : title) },
          { title: t('staff.drill.unit'), dataIndex: 'unitName' },
          { title: t('staff.stats.dueDate'), dataIndex: 'dueDate' },
          { title: t('staff.stats.daysOverdue'), dataIndex: 'daysOverdue', align: 'right' },
          {
            title: t('app.actions'),
            key: 'urge',
            render: (_: unknown, item) => {
              const target = targetOf(item);
              return target ? <UrgeButton targets={[target]} label={t('staff.urge.action')} ariaLabel={t('staff.urge.ofUnit', { unit: `${item.unitName ?? ''}《${item.title ?? ''}》` })} onDone={list.reload} /> : null;
            },
          },
        ]}
      />
    </Card>
  );
}

/** The rows behind one figure, paged; the columns follow what the figure counts (proposals, assignments, answers, forms, members). */
export function StatisticsDrillPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryState();
  const figure = params.get('figure') ?? 'filed';
  const sessionId = params.get('sessionId') ?? undefined;
  const asOf = params.get('asOf') ?? undefined;
  const unitId = params.get('unitId') ?? undefined;
  const page = pageOf(params);
  const drill = useLoad(() => api.get<DrillPage>('/statistics/drill', { figure, sessionId, asOf, unitId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [figure, sessionId, asOf, unitId, page]);
  const data = drill.data;
  const of = data?.of;
  const back = new URLSearchParams();
  if (sessionId) back.set('sessionId', sessionId);
  if (asOf) back.set('asOf', asOf);
  const unitName = data?.items.find((i) => i.unitId === unitId)?.unitName;
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('app.yes') : t('app.no'));
  const proposalColumns = [
    { title: t('staff.drill.number'), dataIndex: 'number', render: (n: number | null) => numberText(t, n) },
    { title: t('staff.drill.proposal'), dataIndex: 'title', render: (title: string | null, item: DrillItem) => (item.proposalId ? <Link to={`/proposals/${item.proposalId}`}>{title}</Link> : title) },
  ];
  const columns =
    of === 'member'
      ? [{ title: t('staff.drill.member'), dataIndex: 'userName' }]
      : [
          ...proposalColumns,
          ...(of === 'proposal' ? [{ title: t('proposal.session'), dataIndex: 'sessionName' }, { title: t('proposal.status'), dataIndex: 'status', render: (s: string | null) => (s ? t(`proposal.statuses.${s}`) : '—') }] : []),
          ...(of !== 'proposal' ? [{ title: t('staff.drill.unit'), dataIndex: 'unitName' }] : []),
          ...(of === 'assignment' ? [{ title: t('staff.drill.role'), dataIndex: 'role', render: (r: string | null) => (r ? t(`assignment.roles.${r}`) : '—') }] : []),
          { title: t('staff.drill.date'), dataIndex: 'date', render: (d: string | null) => d ?? '—' },
          ...(of === 'assignment' || of === 'proposal'
            ? [
                { title: t('staff.drill.daysToReply'), dataIndex: 'daysToReply', render: (d: number | null) => d ?? '—' },
                { title: t('staff.drill.onTime'), dataIndex: 'onTime', render: yesNo },
                { title: t('staff.stats.dueDate'), dataIndex: 'dueDate', render: (d: string | null) => d ?? '—' },
                { title: t('staff.stats.daysOverdue'), dataIndex: 'daysOverdue', render: (d: number | null) => d ?? '—' },
              ]
            : []),
          ...(of === 'answer' ? [{ title: t('staff.drill.grade'), dataIndex: 'grade' }] : []),
          ...(of === 'form'
            ? [
                { title: t('staff.drill.member'), dataIndex: 'userName' },
                { title: t('staff.drill.satisfaction'), dataIndex: 'satisfaction', render: (s: string | null) => (s ? t(`feedback.levels.${s}`) : '—') },
                { title: t('staff.drill.paperForm'), dataIndex: 'paperForm', render: yesNo },
              ]
            : []),
        ];
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.drill.title', { label: data?.label ?? figure })}
        </Typography.Title>
        <Link to={`/statistics${back.size ? `?${back.toString()}` : ''}`}>{t('staff.drill.back')}</Link>
      </div>
      <ErrorAlert error={drill.error} />
      {data && (
        <Typography.Paragraph type="secondary">
          {t('staff.drill.scope', { total: data.total, asOf: data.asOf })}
          {unitId && unitName ? ` · ${t('staff.drill.unitScope', { unit: unitName })}` : ''}
        </Typography.Paragraph>
      )}
      <Table<DrillItem>
        rowKey={(item) => `${item.proposalId}-${item.unitId}-${item.userId}-${item.role}-${item.date}`}
        size="small"
        loading={drill.loading}
        scroll={{ x: 'max-content' }}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('staff.drill.empty') }}
        columns={columns}
        pagination={pager(t, page, data?.total, update)}
      />
    </section>
  );
}
