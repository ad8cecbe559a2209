import { App, Form, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { AdjustmentRequest, ExtensionRequest, RequestStatus } from '../api/staff-types';
import type { AssignmentDetail, Page, Unit } from '../api/types';
import { ErrorAlert, formatTime, type Loaded, numberText, useLoad } from '../ui/common';
import { DecisionButton } from '../ui/decision';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import '../ui/staff.css';

const STATUSES: RequestStatus[] = ['pending', 'approved', 'rejected'];
const STATUS_COLORS: Record<RequestStatus, string> = { pending: 'warning', approved: 'success', rejected: 'default' };

function StatusFilter({ value, onChange }: { value: string; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Space wrap className="filters" role="search">
      <Select
        aria-label={t('staff.requests.statusFilter')}
        className="filter-status"
        value={value}
        onChange={(next: string) => onChange(next || undefined)}
        options={[{ value: '', label: t('app.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`staff.common.statuses.${s}`) }))]}
      />
    </Space>
  );
}

/** The status filter, the refusal and the paged table of one kind of request. */
function RequestList<T extends { id: string }>({ status, page, update, list, error, columns }: {
  status: string;
  page: number;
  update: (changes: Record<string, string | undefined>) => void;
  list: Loaded<Page<T>>;
  error: unknown;
  columns: TableColumnsType<T>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <StatusFilter value={status} onChange={(next) => update({ status: next ?? 'all', page: undefined })} />
      <ErrorAlert error={error} />
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('staff.requests.empty') }}
        pagination={pager(t, page, list.data?.total, update)}
        columns={columns}
      />
    </>
  );
}

/** 申请调整 and 延期 waiting for the committee (or all, by status), paged; each decided in a dialog. */
export function RequestsPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryState();
  const tab = params.get('tab') === 'extensions' ? 'extensions' : 'adjustments';
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.requests.title')}
        </Typography.Title>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'extensions' ? key : undefined, status: undefined, page: undefined })}
        items={[
          { key: 'adjustments', label: t('staff.requests.adjustments'), children: <Adjustments /> },
          { key: 'extensions', label: t('staff.requests.extensions'), children: <Extensions /> },
        ]}
      />
    </section>
  );
}

function useListParams(): { status: string; page: number; update: (changes: Record<string, string | undefined>) => void } {
  const [params, update] = useQueryState();
  const status = params.get('status') ?? 'pending';
  return { status: status === 'all' ? '' : status, page: pageOf(params), update };
}

function Adjustments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { status, page, update } = useListParams();
  const list = useLoad(
    () => api.get<Page<AdjustmentRequest>>('/adjustment-requests', { status: status || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: '-requestedAt' }),
    [status, page],
  );
  const units = useLoad(() => api.get<Unit[]>('/units', { kind: 'handling' }), []);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const options = (units.data ?? []).filter((u) => !u.parentId).map((u) => ({ value: u.id, label: u.name }));
  const decided = (text: string) => {
    void message.success(text);
    list.reload();
  };
  return (
    <>
      <RequestList<AdjustmentRequest>
        status={status}
        page={page}
        update={update}
        list={list}
        error={list.error ?? units.error}
        columns={[
          { title: t('staff.common.proposal'), key: 'proposal', render: (_: unknown, r) => <Link to={`/proposals/${r.proposalId}`}>{`${numberText(t, r.proposalNumber)} ${r.proposalTitle}`}</Link> },
          { title: t('staff.common.unit'), dataIndex: 'unitName' },
          { title: t('staff.requests.role'), dataIndex: 'role', render: (role: AdjustmentRequest['role']) => t(`assignment.roles.${role}`) },
          { title: t('staff.common.reason'), dataIndex: 'reason' },
          { title: t('staff.requests.suggested'), dataIndex: 'suggestedUnitIds', render: (ids: string[]) => ids.map(unitName).join('、') || '—' },
          { title: t('staff.common.status'), dataIndex: 'status', render: (s: RequestStatus) => <Tag color={STATUS_COLORS[s]}>{t(`staff.common.statuses.${s}`)}</Tag> },
          { title: t('staff.common.requestedAt'), dataIndex: 'requestedAt', render: formatTime },
          {
            title: t('app.actions'),
            key: 'decide',
            render: (_: unknown, r) =>
              r.status === 'pending' ? (
                <Space wrap>
                  <DecisionButton<{ newUnitId?: string; note?: string }>
                    label={t('staff.common.approve')}
                    ariaLabel={`${t('staff.common.approve')}：${r.proposalTitle}（${r.unitName}）`}
                    title={t('staff.requests.approveTitle', { title: r.proposalTitle })}
                    initialValues={{ newUnitId: r.suggestedUnitIds[0] }}
                    onSubmit={async (v) => {
                      const done = await api.post(`/adjustment-requests/${r.id}/approve`, { version: r.version, newUnitId: v.newUnitId, note: v.note?.trim() || undefined });
                      decided(t('staff.requests.approved'));
                      return done;
                    }}
                  >
                    <Form.Item label={t('staff.requests.newUnit')} name="newUnitId" rules={[{ required: r.role === 'lead', message: t('staff.requests.newUnitRequired') }]}>
                      <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options.filter((o) => o.value !== r.unitId)} />
                    </Form.Item>
                    <Form.Item label={t('staff.common.note')} name="note">
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
                    </Form.Item>
                  </DecisionButton>
                  <RejectButton path={`/adjustment-requests/${r.id}/reject`} version={r.version} title={r.proposalTitle} who={r.unitName} onDone={() => decided(t('staff.requests.rejected'))} />
                </Space>
              ) : (
                <Typography.Text type="secondary">{r.decisionNote ?? formatTime(r.decidedAt)}</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}

function RejectButton({ path, version, title, who, onDone }: { path: string; version: number; title: string; who: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <DecisionButton<{ reason: string }>
      danger
      label={t('staff.common.reject')}
      ariaLabel={`${t('staff.common.reject')}：${title}（${who}）`}
      title={t('staff.requests.rejectTitle', { title })}
      onSubmit={async (v) => {
        const done = await api.post(path, { version, reason: v.reason.trim() });
        onDone();
        return done;
      }}
    >
      <Form.Item label={t('staff.common.reason')} name="reason" rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: t('staff.common.reasonRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
    </DecisionButton>
  );
}

type ExtensionRow = ExtensionRequest & { assignment: AssignmentDetail | null };

function Extensions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { status, page, update } = useListParams();
  // An extension names its assignment only: each row's proposal, unit and current due date come from it.
  const list = useLoad(async () => {
    const found = await api.get<Page<ExtensionRequest>>('/extensions', { status: status || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: '-createdAt' });
    const assignments = await Promise.all(found.items.map((e) => api.get<AssignmentDetail>(`/assignments/${e.assignmentId}`).catch(() => null)));
    return { ...found, items: found.items.map((e, i): ExtensionRow => ({ ...e, assignment: assignments[i] })) };
  }, [status, page]);
  const decided = (text: string) => {
    void message.success(text);
    list.reload();
  };
  const titleOf = (e: ExtensionRow) => e.assignment?.proposalTitle ?? e.assignmentId;
  return (
    <>
      <RequestList<ExtensionRow>
        status={status}
        page={page}
        update={update}
        list={list}
        error={list.error}
        columns={[
          {
            title: t('staff.common.proposal'),
            key: 'proposal',
            render: (_: unknown, e) => (e.assignment ? <Link to={`/proposals/${e.assignment.proposalId}`}>{`${numberText(t, e.assignment.proposalNumber)} ${e.assignment.proposalTitle}`}</Link> : '—'),
          },
          { title: t('staff.common.unit'), key: 'unit', render: (_: unknown, e) => e.assignment?.unitName ?? '—' },
          { title: t('staff.requests.currentDue'), key: 'due', render: (_: unknown, e) => e.assignment?.dueDate ?? '—' },
          { title: t('staff.requests.requestedDue'), dataIndex: 'requestedDueDate' },
          { title: t('staff.common.reason'), dataIndex: 'reason' },
          { title: t('staff.common.status'), dataIndex: 'status', render: (s: RequestStatus) => <Tag color={STATUS_COLORS[s]}>{t(`staff.common.statuses.${s}`)}</Tag> },
          { title: t('staff.common.requestedAt'), dataIndex: 'requestedAt', render: formatTime },
          {
            title: t('app.actions'),
            key: 'decide',
            render: (_: unknown, e) =>
              e.status === 'pending' ? (
                <Space wrap>
                  <DecisionButton<{ grantedDueDate: string; note?: string }>
                    label={t('staff.common.approve')}
                    ariaLabel={`${t('staff.common.approve')}：${titleOf(e)}（${e.assignment?.unitName ?? ''}）`}
                    title={t('staff.requests.extendTitle', { title: titleOf(e) })}
                    initialValues={{ grantedDueDate: e.requestedDueDate }}
                    onSubmit={async (v) => {
                      const done = await api.post(`/extensions/${e.id}/approve`, { version: e.version, grantedDueDate: v.grantedDueDate, note: v.note?.trim() || undefined });
                      decided(t('staff.requests.extensionApproved', { date: v.grantedDueDate }));
                      return done;
                    }}
                  >
                    <Form.Item label={t('staff.requests.grantedDue')} name="grantedDueDate" rules={[{ required: true, message: t('staff.common.dateRequired') }]}>
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item label={t('staff.common.note')} name="note">
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
                    </Form.Item>
                  </DecisionButton>
                  <RejectButton path={`/extensions/${e.id}/reject`} version={e.version} title={titleOf(e)} who={e.assignment?.unitName ?? ''} onDone={() => decided(t('staff.requests.rejected'))} />
                </Space>
              ) : (
                <Typography.Text type="secondary">{e.decisionNote ?? formatTime(e.decidedAt)}</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}
