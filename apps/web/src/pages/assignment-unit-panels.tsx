import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { AssignmentDetail, Page } from '../api/types';
import type { Adjustment, Countersign, DeadlineEvent, Extension, RequestStatus } from '../api/unit-types';
import { ErrorAlert, formatTime, useAction, useLoad } from '../ui/common';
import { useSession } from '../session';

const REQUEST_COLORS: Record<RequestStatus, string> = { pending: 'warning', approved: 'success', rejected: 'error' };

interface RequestRow {
  id: string;
  kind: 'adjustment' | 'extension';
  detail: string;
  status: RequestStatus;
  requestedAt: string;
  decisionNote: string | null;
}

/**
 * What a unit does on an assignment beyond 签收 and drafting: ask to adjust (before 签收, within the
 * window) or for an extension, follow both requests; read every deadline's history; and, as the lead
 * unit, see the co-units' opinions (会签) before sending the answer to sign-off.
 */
export function AssignmentUnitPanels({ assignment, onChange }: { assignment: AssignmentDetail; onChange: () => void }) {
  return (
    <>
      <RequestsPanel assignment={assignment} onChange={onChange} />
      {assignment.role === 'lead' && <CountersignPanel assignmentId={assignment.id} />}
      <HistoryPanel assignment={assignment} />
    </>
  );
}

function RequestsPanel({ assignment, onChange }: { assignment: AssignmentDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const action = useAction();
  const [asking, setAsking] = useState<'adjustment' | 'extension' | null>(null);
  const [form] = Form.useForm<{ reason: string; requestedDueDate?: string }>();
  const requests = useLoad(
    () =>
      Promise.all([
        api.get<Page<Extension>>('/extensions', { assignmentId: assignment.id, limit: 50 }),
        api.get<Page<Adjustment>>('/adjustment-requests', { assignmentId: assignment.id, limit: 50, sort: '-requestedAt' }),
      ]),
    [assignment.id, assignment.version],
  );
  const rows: RequestRow[] = [
    ...(requests.data?.[1].items ?? []).map((a) => ({ id: a.id, kind: 'adjustment' as const, detail: a.reason, status: a.status, requestedAt: a.requestedAt, decisionNote: a.decisionNote })),
    ...(requests.data?.[0].items ?? []).map((e) => ({
      id: e.id,
      kind: 'extension' as const,
      detail: `${t('requests.newDueDate')} ${e.requestedDueDate}：${e.reason}`,
      status: e.status,
      requestedAt: e.requestedAt,
      decisionNote: e.decisionNote,
    })),
  ].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));

  const unitWork = session.has('drafter') || session.has('leader');
  const window = assignment.deadlines.find((d) => d.kind === 'adjustment_window');
  const open = assignment.status === 'assigned' || assignment.status === 'accepted';
  const pending = (kind: RequestRow['kind']) => rows.some((r) => r.kind === kind && r.status === 'pending');
  const mayAdjust = unitWork && assignment.status === 'assigned' && window?.status === 'open' && !pending('adjustment');
  const mayExtend = unitWork && open && !pending('extension');

  const submit = async (values: { reason: string; requestedDueDate?: string }) => {
    const kind = asking;
    const done = await action.run('request', () =>
      kind === 'adjustment'
        ? api.post<Adjustment>(`/assignments/${assignment.id}/adjustment-requests`, { reason: values.reason.trim() })
        : api.post<Extension>(`/assignments/${assignment.id}/extensions`, { requestedDueDate: values.requestedDueDate, reason: values.reason.trim() }),
    );
    if (done) {
      setAsking(null);
      form.resetFields();
      void message.success(kind === 'adjustment' ? t('requests.adjusted') : t('requests.extended'));
      requests.reload();
      onChange();
    }
  };

  return (
    <Card className="panel" title={<h2 className="card-title">{t('requests.title')}</h2>}>
      <ErrorAlert error={requests.error} />
      {window && assignment.status === 'assigned' && (
        <Typography.Paragraph>
          {window.status === 'open' ? t('requests.adjustIntro', { due: window.dueDate }) : t('requests.adjustClosed', { due: window.dueDate })}
        </Typography.Paragraph>
      )}
      {(mayAdjust || mayExtend) && (
        <Space wrap className="actions">
          {mayAdjust && <Button onClick={() => setAsking('adjustment')}>{t('requests.adjust')}</Button>}
          {mayExtend && <Button onClick={() => setAsking('extension')}>{t('requests.extend')}</Button>}
        </Space>
      )}
      <Table<RequestRow>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={requests.loading}
        dataSource={rows}
        locale={{ emptyText: t('requests.none') }}
        columns={[
          { title: t('requests.kind'), dataIndex: 'kind', render: (kind: RequestRow['kind']) => t(`requests.kinds.${kind}`) },
          { title: t('requests.detail'), dataIndex: 'detail' },
          { title: t('proposal.status'), dataIndex: 'status', render: (s: RequestStatus) => <Tag color={REQUEST_COLORS[s]}>{t(`requests.statuses.${s}`)}</Tag> },
          { title: t('requests.requestedAt'), dataIndex: 'requestedAt', render: (at: string) => formatTime(at) },
          { title: t('requests.decision'), dataIndex: 'decisionNote', render: (note: string | null) => note ?? '—' },
        ]}
      />
      <Modal
        open={asking !== null}
        title={asking === 'adjustment' ? t('requests.adjust') : t('requests.extend')}
        okText={asking === 'adjustment' ? t('requests.adjust') : t('requests.extend')}
        cancelText={t('app.cancel')}
        okButtonProps={{ loading: action.pending === 'request' }}
        onOk={() => form.submit()}
        onCancel={() => {
          setAsking(null);
          action.clear();
        }}
        destroyOnHidden
      >
        <ErrorAlert error={action.error} onClose={action.clear} />
        {asking === 'extension' && <Typography.Paragraph>{t('requests.extendIntro')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {asking === 'extension' && (
            <Form.Item label={t('requests.newDueDate')} name="requestedDueDate" rules={[{ required: true, message: t('requests.newDueDateRequired') }]}>
              <Input type="date" min={assignment.dueDate} />
            </Form.Item>
          )}
          <Form.Item
            label={asking === 'adjustment' ? t('requests.adjustReason') : t('requests.extendReason')}
            name="reason"
            rules={[
              {
                required: true,
                whitespace: true,
                min: asking === 'adjustment' ? 5 : 2,
                max: 1000,
                message: asking === 'adjustment' ? t('requests.adjustReasonRule') : t('requests.extendReasonRule'),
              },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function CountersignPanel({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  const gate = useLoad(() => api.get<Countersign>(`/assignments/${assignmentId}/countersign`), [assignmentId]);
  if (!gate.data) return gate.error ? <ErrorAlert error={gate.error} /> : null;
  const { complete, units } = gate.data;
  return (
    <Card className="panel" title={<h2 className="card-title">{t('countersign.title')}</h2>}>
      {units.length === 0 ? (
        <Typography.Text type="secondary">{t('countersign.none')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph strong role="status">
            {complete ? t('countersign.complete') : t('countersign.pending')}
          </Typography.Paragraph>
          <Table
            rowKey="assignmentId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={units}
            columns={[
              { title: t('countersign.unit'), dataIndex: 'unitName' },
              {
                title: t('countersign.state'),
                dataIndex: 'state',
                render: (state: Countersign['units'][number]['state']) => (
                  <Tag color={state === 'received' ? 'success' : state === 'pending' ? 'warning' : 'default'}>{t(`countersign.states.${state}`)}</Tag>
                ),
              },
              { title: t('countersign.receivedAt'), dataIndex: 'receivedAt', render: (at: string | null) => formatTime(at) },
              {
                title: t('app.actions'),
                key: 'read',
                render: (_: unknown, u: Countersign['units'][number]) =>
                  u.opinionReplyId ? (
                    <Link to={`/replies/${u.opinionReplyId}`} aria-label={`${t('countersign.read')}：${u.unitName}`}>
                      {t('countersign.read')}
                    </Link>
                  ) : null,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function HistoryPanel({ assignment }: { assignment: AssignmentDetail }) {
  const { t } = useTranslation();
  const rows = assignment.deadlines
    .flatMap((d) => ((d as { history?: DeadlineEvent[] }).history ?? []).map((event, index) => ({ key: `${d.kind}-${index}`, deadline: d.kind, ...event })))
    .sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card className="panel" title={<h2 className="card-title">{t('history.title')}</h2>}>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: t('history.at'), dataIndex: 'at', render: (at: string) => formatTime(at) },
          { title: t('history.deadline'), dataIndex: 'deadline', render: (kind: string) => t(`assignment.deadlineKinds.${kind}`, { defaultValue: kind }) },
          { title: t('history.event'), dataIndex: 'kind', render: (kind: string) => t(`history.events.${kind}`, { defaultValue: kind }) },
          { title: t('history.change'), key: 'change', render: (_: unknown, e: DeadlineEvent) => [e.fromDate, e.toDate].filter(Boolean).join(' → ') || '—' },
          { title: t('history.reason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
        ]}
      />
    </Card>
  );
}
