import { App, Button, Card, Descriptions, Form, List, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Assignment, AssignResult, Attachment, Feedback, Page, Proposal, Recommendation, Reply, Unit } from '../api/types';
import { AssignmentStatusTag, DueText, ErrorAlert, formatTime, numberText, ProposalStatusTag, useAction, useLoad } from '../ui/common';
import { useSession } from '../session';
import { UrgeButton } from '../ui/urge';
import { AfterReplyPanel } from './after-reply';
import { ReviewHistory, ReviewPanel } from './review-outcomes';
import { ProposalMemberPanels } from './proposal-member-panels';
import { ProposalAnswers } from './proposal-answers';
import { AttachmentList } from '../ui/attachment-list';

/** The proposal with what the viewer may do next: the member's reply and feedback, the committee's review, assignment and closing. */
export function ProposalDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const action = useAction();
  const isStaff = session.has('staff');

  const loaded = useLoad(
    () =>
      Promise.all([
        api.get<Proposal>(`/proposals/${id}`),
        api.get<Attachment[]>(`/proposals/${id}/attachments`),
        api.get<Page<Reply>>('/replies', { proposalId: id, limit: 20 }),
        api.get<Feedback[]>(`/proposals/${id}/feedback`),
        isStaff ? api.get<Page<Assignment>>('/assignments', { proposalId: id, limit: 50 }) : Promise.resolve(null),
      ]),
    [id, isStaff],
  );
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
  const [proposal, attachments, replies, feedback, assignments] = loaded.data;
  const isLeadProposer = proposal.proposers.some((p) => p.userId === session.me.id && p.role === 'lead');

  const step = async (path: string, done: (next: Proposal) => string) => {
    const next = await action.run(path, () => api.post<Proposal>(`/proposals/${id}/${path}`, { version: proposal.version }));
    if (next) {
      void message.success(done(next));
      loaded.reload();
    }
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {proposal.title}
        </Typography.Title>
        <ProposalStatusTag status={proposal.status} />
      </div>
      <ErrorAlert error={action.error} onClose={action.clear} />
      <Card>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('proposal.number')}>{numberText(t, proposal.number)}</Descriptions.Item>
          <Descriptions.Item label={t('proposal.session')}>{proposal.sessionName}</Descriptions.Item>
          <Descriptions.Item label={t('proposal.category')}>{proposal.category ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('proposal.proposers')}>{proposal.proposers.map((p) => p.displayName).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('proposal.kind')}>{proposal.kind ? t(`proposal.kinds.${proposal.kind}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('proposal.submittedAt')}>{formatTime(proposal.submittedAt)}</Descriptions.Item>
        </Descriptions>
        <h2 className="section-title">{t('proposal.body')}</h2>
        <div className="proposal-body">{proposal.body}</div>
        <h2 className="section-title">{t('proposal.attachments')}</h2>
        <AttachmentList attachments={attachments} editable={proposal.status === 'draft' && isLeadProposer} onRemoved={loaded.reload} />
        {proposal.status === 'draft' && isLeadProposer && (
          <Space wrap className="actions">
            <Button onClick={() => navigate(`/proposals/${id}/edit`)}>{t('proposal.edit')}</Button>
            <Button type="primary" loading={action.pending === 'submit'} onClick={() => void step('submit', () => t('editor.submitted'))}>
              {t('editor.submit')}
            </Button>
          </Space>
        )}
      </Card>
      <ProposalMemberPanels proposal={proposal} onChange={loaded.reload} />

      {isStaff && proposal.status === 'submitted' && (
        <Card className="panel">
          <Button type="primary" loading={action.pending === 'start-review'} onClick={() => void step('start-review', () => t('review.reviewStarted'))}>
            {t('review.startReview')}
          </Button>
        </Card>
      )}
      {isStaff && proposal.status === 'under_review' && <ReviewPanel proposal={proposal} onDone={loaded.reload} />}
      <ReviewHistory proposalId={id} version={proposal.version} />
      {isStaff && proposal.status === 'filed' && <AssignPanel proposal={proposal} onAssigned={loaded.reload} />}

      {assignments && assignments.items.length > 0 && (
        <Card title={<h2 className="card-title">{t('assign.assignments')}</h2>} className="panel">
          <Table<Assignment>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={assignments.items}
            columns={[
              { title: t('assignment.unit'), dataIndex: 'unitName' },
              { title: t('assignment.role'), dataIndex: 'role', render: (role: Assignment['role']) => t(`assignment.roles.${role}`) },
              { title: t('assignment.status'), dataIndex: 'status', render: (s: Assignment['status']) => <AssignmentStatusTag status={s} /> },
              { title: t('assignment.due'), key: 'due', render: (_: unknown, a: Assignment) => <DueText explanation={a.dueExplanation} /> },
              {
                title: t('app.actions'),
                key: 'urge',
                render: (_: unknown, a: Assignment) =>
                  isStaff && ['assigned', 'accepted'].includes(a.status) ? <UrgeButton targets={[{ assignmentId: a.id }]} label={t('staff.urge.action')} ariaLabel={t('staff.urge.ofUnit', { unit: a.unitName })} /> : null,
              },
            ]}
          />
        </Card>
      )}

      <ProposalAnswers proposal={proposal} replies={replies.items} feedback={feedback} onChange={loaded.reload} />

      {isStaff && <AfterReplyPanel proposal={proposal} feedback={feedback} assignments={assignments?.items ?? []} onDone={loaded.reload} />}
      {isStaff && proposal.status === 'replied' && (
        <Card className="panel">
          <Button type="primary" loading={action.pending === 'close'} onClick={() => void step('close', () => t('close.done'))}>
            {t('close.action')}
          </Button>
        </Card>
      )}
    </section>
  );
}

function AssignPanel({ proposal, onAssigned }: { proposal: Proposal; onAssigned: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<{ leadUnitId: string; coUnitIds?: string[] }>();
  const data = useLoad(
    () => Promise.all([api.get<Recommendation>(`/proposals/${proposal.id}/recommended-units`), api.get<Unit[]>('/units', { kind: 'handling' })]),
    [proposal.id],
  );
  const [recommendation, units] = data.data ?? [null, []];
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    const top = recommendation?.lead[0];
    if (top && !touched) form.setFieldValue('leadUnitId', top.unitId);
  }, [recommendation, touched, form]);

  const assign = async (values: { leadUnitId: string; coUnitIds?: string[] }) => {
    const result = await action.run('assign', () =>
      api.post<AssignResult>(`/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: values.leadUnitId, coUnitIds: values.coUnitIds ?? [] }),
    );
    if (result) {
      const unit = units.find((u) => u.id === values.leadUnitId)?.name ?? '';
      void message.success(t('assign.done', { unit }));
      onAssigned();
    }
  };

  const topLevel = units.filter((u) => !u.parentId).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Card className="panel" title={<h2 className="card-title">{t('assign.title')}</h2>}>
      <ErrorAlert error={data.error ?? action.error} />
      <h3 className="subsection-title">{t('assign.recommended')}</h3>
      <List
        loading={data.loading}
        dataSource={recommendation?.lead ?? []}
        locale={{ emptyText: t('assign.recommendedNone') }}
        className="recommendations"
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button
                key="lead"
                size="small"
                onClick={() => {
                  setTouched(true);
                  form.setFieldValue('leadUnitId', s.unitId);
                }}
                aria-label={`${t('assign.useAsLead')}：${s.unitName}`}
              >
                {t('assign.useAsLead')}
              </Button>,
            ]}
          >
            <List.Item.Meta title={s.unitName} description={s.reasons.join('；')} />
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" onFinish={assign} onValuesChange={() => setTouched(true)}>
        <Form.Item label={t('assign.leadUnit')} name="leadUnitId" rules={[{ required: true, message: t('assign.leadRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={topLevel} />
        </Form.Item>
        <Form.Item label={t('assign.coUnits')} name="coUnitIds">
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={topLevel} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.pending === 'assign'}>
          {t('assign.submit')}
        </Button>
      </Form>
    </Card>
  );
}
