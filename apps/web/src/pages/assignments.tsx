import { App, Button, Card, Descriptions, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Assignment, AssignmentDetail, AssignmentStatus, Deadline, Page, Proposal, Reply } from '../api/types';
import { AssignmentStatusTag, DueText, ErrorAlert, formatTime, numberText, useAction, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import { useSession } from '../session';
import { AssignmentUnitPanels } from './assignment-unit-panels';

const STATUSES: AssignmentStatus[] = ['assigned', 'accepted', 'replied', 'closed', 'reassigned'];

/** The unit's assignments, soonest due first, each with its due date and how it was computed; 签收 from the list. */
export function AssignmentsListPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = App.useApp();
  const [params, update] = useQueryState();
  const action = useAction();
  const page = pageOf(params);
  const statusParam = params.get('status') as AssignmentStatus | null;
  const status = statusParam && STATUSES.includes(statusParam) ? statusParam : undefined;
  const list = useLoad(
    () => api.get<Page<Assignment>>('/assignments', { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, status, sort: 'dueDate' }),
    [page, status, session.committeeId],
  );
  const accept = async (assignment: Assignment) => {
    const done = await action.run(`accept-${assignment.id}`, () => api.post<Assignment>(`/assignments/${assignment.id}/accept`, { version: assignment.version }));
    if (done) {
      void message.success(t('assignment.accepted'));
      list.reload();
    }
  };

  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {t('assignment.title')}
      </Typography.Title>
      <Space wrap className="filters" role="search">
        <Select
          aria-label={t('assignment.statusFilter')}
          className="filter-status"
          value={status ?? ''}
          onChange={(value: string) => update({ status: value || undefined, page: undefined })}
          options={[{ value: '', label: t('app.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`assignment.statuses.${s}`) }))]}
        />
      </Space>
      <ErrorAlert error={list.error ?? action.error} />
      <Table<Assignment>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assignment.empty') }}
        pagination={pager(t, page, list.data?.total, update)}
        columns={[
          { title: t('proposal.number'), dataIndex: 'proposalNumber', render: (n: number | null) => numberText(t, n) },
          { title: t('proposal.title'), dataIndex: 'proposalTitle', render: (title: string, a) => <Link to={`/assignments/${a.id}`}>{title}</Link> },
          { title: t('assignment.role'), dataIndex: 'role', render: (role: Assignment['role']) => t(`assignment.roles.${role}`) },
          { title: t('assignment.status'), dataIndex: 'status', render: (s: AssignmentStatus) => <AssignmentStatusTag status={s} /> },
          {
            title: t('assignment.due'),
            key: 'due',
            render: (_: unknown, a) => (
              <span className="due-cell">
                <strong>{a.dueDate}</strong>
                <br />
                <Typography.Text type="secondary">
                  <DueText explanation={a.dueExplanation} />
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, a) =>
              a.status === 'assigned' && session.has('drafter') ? (
                <Button size="small" type="primary" loading={action.pending === `accept-${a.id}`} onClick={() => void accept(a)} aria-label={`${t('assignment.accept')}：${a.proposalTitle}`}>
                  {t('assignment.accept')}
                </Button>
              ) : (
                <Link to={`/assignments/${a.id}`} aria-label={`${t('app.view')}：${a.proposalTitle}`}>
                  {t('app.view')}
                </Link>
              ),
          },
        ]}
      />
    </section>
  );
}

/** One assignment: the proposal to answer, every deadline explained, 签收, and the reply drafted from the unit's template. */
export function AssignmentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const action = useAction();
  const loaded = useLoad(async () => {
    const assignment = await api.get<AssignmentDetail>(`/assignments/${id}`);
    const [proposal, replies] = await Promise.all([
      api.get<Proposal>(`/proposals/${assignment.proposalId}`),
      api.get<Page<Reply>>('/replies', { proposalId: assignment.proposalId, limit: 50 }),
    ]);
    return { assignment, proposal, reply: replies.items.find((r) => r.assignmentId === assignment.id && r.round === assignment.round) ?? null };
  }, [id]);

  if (!loaded.data) {
    return (
      <section aria-labelledby="page-title">
        <Typography.Title level={1} id="page-title">
          {t('app.loading')}
        </Typography.Title>
        <ErrorAlert error={loaded.error} />
      </section>
    );
  }
  const { assignment, proposal, reply } = loaded.data;
  const drafter = session.has('drafter');

  const accept = async () => {
    const done = await action.run('accept', () => api.post<Assignment>(`/assignments/${id}/accept`, { version: assignment.version }));
    if (done) {
      void message.success(t('assignment.accepted'));
      loaded.reload();
    }
  };
  const draft = async () => {
    const created = await action.run('draft', () => api.post<Reply>(`/assignments/${id}/replies`, {}));
    if (created) navigate(`/replies/${created.id}`);
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {numberText(t, assignment.proposalNumber)} {assignment.proposalTitle}
        </Typography.Title>
        <AssignmentStatusTag status={assignment.status} />
      </div>
      <ErrorAlert error={action.error} onClose={action.clear} />
      <Card>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('assignment.unit')}>{assignment.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('assignment.role')}>{t(`assignment.roles.${assignment.role}`)}</Descriptions.Item>
          <Descriptions.Item label={t('assignment.due')}>
            <strong>{assignment.dueDate}</strong>（<DueText explanation={assignment.dueExplanation} />）
          </Descriptions.Item>
          <Descriptions.Item label={t('proposal.submittedAt')}>{formatTime(proposal.submittedAt)}</Descriptions.Item>
        </Descriptions>
        <Space wrap className="actions">
          {assignment.status === 'assigned' && drafter && (
            <Button type="primary" loading={action.pending === 'accept'} onClick={() => void accept()}>
              {t('assignment.accept')}
            </Button>
          )}
          {assignment.status === 'accepted' && drafter && !reply && (
            <Button type="primary" loading={action.pending === 'draft'} onClick={() => void draft()}>
              {t('assignment.draftReply')}
            </Button>
          )}
          {reply && (
            <Button type={reply.status === 'dispatched' ? 'default' : 'primary'} onClick={() => navigate(`/replies/${reply.id}`)}>
              {t('assignment.openReply')}
            </Button>
          )}
        </Space>
      </Card>
      <AssignmentUnitPanels assignment={assignment} onChange={loaded.reload} />
      <Card className="panel" title={<h2 className="card-title">{t('assignment.deadlines')}</h2>}>
        <Table<Deadline>
          rowKey="kind"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={assignment.deadlines}
          columns={[
            { title: t('assignment.due'), dataIndex: 'kind', render: (kind: string) => t(`assignment.deadlineKinds.${kind}`, { defaultValue: kind }) },
            { title: t('reply.date'), dataIndex: 'dueDate' },
            { title: t('assignment.status'), dataIndex: 'status', render: (s: string) => t(`assignment.deadlineStatus.${s}`, { defaultValue: s }) },
            { title: t('assignment.howComputed'), key: 'explain', render: (_: unknown, d) => <DueText explanation={d.explanation} /> },
          ]}
        />
      </Card>
      <Card className="panel" title={<h2 className="card-title">{t('assignment.proposalText')}</h2>}>
        <div className="proposal-body">{proposal.body}</div>
      </Card>
    </section>
  );
}
