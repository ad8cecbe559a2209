import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Page, Proposal, ProposalStatus } from '../api/types';
import type { Invitation, Member } from '../api/unit-types';
import { ErrorAlert, formatTime, useAction, useLoad } from '../ui/common';
import { useSession } from '../session';
import { INVITATION_COLORS } from './member-proposals';

const WITHDRAWABLE: ProposalStatus[] = ['draft', 'cosigning', 'submitted', 'under_review'];

/**
 * What a member does on their proposal beyond the first slice: co-signing (invite, see the answers,
 * answer an invitation) and withdrawal (撤案) before filing. Shown under the proposal on its page.
 */
export function ProposalMemberPanels({ proposal, onChange }: { proposal: Proposal; onChange: () => void }) {
  const session = useSession();
  const isLead = proposal.proposers.some((p) => p.userId === session.me.id && p.role === 'lead');
  const cosignStage = proposal.status === 'draft' || proposal.status === 'cosigning';
  // Invitations are read by those who see the proposal: its proposers, the invited, the committee.
  const showCosign = session.has('member') && (isLead || proposal.status === 'cosigning' || proposal.proposers.some((p) => p.userId === session.me.id));
  return (
    <>
      {showCosign && (cosignStage || proposal.proposers.length > 1) && <CosignPanel proposal={proposal} isLead={isLead} onChange={onChange} />}
      {isLead && WITHDRAWABLE.includes(proposal.status) && <WithdrawPanel proposal={proposal} onChange={onChange} />}
    </>
  );
}

function CosignPanel({ proposal, isLead, onChange }: { proposal: Proposal; isLead: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const action = useAction();
  const invitations = useLoad(() => api.get<Invitation[]>(`/proposals/${proposal.id}/cosign-invitations`), [proposal.id, proposal.version]);
  const mine = invitations.data?.find((i) => i.userId === session.me.id);
  const deadline = invitations.data?.[0]?.cosignDeadline ?? null;

  const answer = async (accept: boolean) => {
    const done = await action.run(accept ? 'accept' : 'decline', () => api.post<Invitation>(`/proposals/${proposal.id}/cosign`, { accept }));
    if (done) {
      void message.success(accept ? t('cosign.accepted') : t('cosign.declined'));
      invitations.reload();
      onChange();
    }
  };

  return (
    <Card className="panel" title={<h2 className="card-title">{t('cosign.title')}</h2>}>
      <ErrorAlert error={invitations.error ?? action.error} onClose={action.error ? action.clear : undefined} />
      {isLead && proposal.status === 'draft' && <Typography.Paragraph>{t('cosign.intro')}</Typography.Paragraph>}
      {deadline && <Typography.Paragraph strong>{t('cosign.deadlineText', { deadline: formatTime(deadline) })}</Typography.Paragraph>}
      {mine && proposal.status === 'cosigning' && (
        <Space wrap className="actions">
          <Typography.Text>
            {proposal.proposers.find((p) => p.role === 'lead')?.displayName} {t('cosign.invitedBy', { deadline: formatTime(deadline) })}
          </Typography.Text>
          <Tag color={INVITATION_COLORS[mine.status]}>{t(`cosign.statuses.${mine.status}`)}</Tag>
          {mine.status !== 'accepted' && (
            <Button type="primary" loading={action.pending === 'accept'} onClick={() => void answer(true)}>
              {t('cosign.accept')}
            </Button>
          )}
          {mine.status !== 'declined' && (
            <Button loading={action.pending === 'decline'} onClick={() => void answer(false)}>
              {t('cosign.decline')}
            </Button>
          )}
        </Space>
      )}
      {(invitations.data?.length ?? 0) > 0 && (
        <Table<Invitation>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={invitations.data ?? []}
          columns={[
            { title: t('cosign.invitees'), dataIndex: 'displayName' },
            { title: t('proposal.status'), dataIndex: 'status', render: (s: Invitation['status']) => <Tag color={INVITATION_COLORS[s]}>{t(`cosign.statuses.${s}`)}</Tag> },
            { title: t('cosign.answeredAt'), dataIndex: 'respondedAt', render: (at: string | null) => formatTime(at) },
          ]}
        />
      )}
      {isLead && (proposal.status === 'draft' || proposal.status === 'cosigning') && (
        <InviteForm proposal={proposal} already={(invitations.data ?? []).map((i) => i.userId)} onDone={() => (invitations.reload(), onChange())} />
      )}
    </Card>
  );
}

/** Members found by name as the proposer types (the committee's members, without the proposer and those already asked). */
function MemberSelect({ value, onChange, exclude, id }: { value?: string[]; onChange?: (ids: string[]) => void; exclude: string[]; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useLoad(() => api.get<Page<Member>>('/members', { q: q.trim() || undefined, limit: 20 }), [q]);
  // Names of members chosen earlier stay shown while a later search lists others.
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = [
    ...Object.entries(known)
      .filter(([memberId]) => value?.includes(memberId) && !found.data?.items.some((m) => m.id === memberId))
      .map(([memberId, name]) => ({ value: memberId, label: name })),
    ...(found.data?.items ?? []).filter((m) => !exclude.includes(m.id)).map((m) => ({ value: m.id, label: m.displayName })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      placeholder={t('cosign.searchMembers')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.loading}
      notFoundContent={found.loading ? t('app.loading') : t('app.none')}
      options={options}
      onChange={(ids: string[]) => {
        const names = { ...known };
        for (const m of found.data?.items ?? []) if (ids.includes(m.id)) names[m.id] = m.displayName;
        setKnown(names);
        onChange?.(ids);
      }}
    />
  );
}

function InviteForm({ proposal, already, onDone }: { proposal: Proposal; already: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const action = useAction();
  const [form] = Form.useForm<{ inviteeUserIds: string[]; deadline?: string }>();
  const opening = proposal.status === 'draft';
  const submit = async (values: { inviteeUserIds: string[]; deadline?: string }) => {
    const done = await action.run('invite', (): Promise<unknown> =>
      opening
        ? api.post<Proposal>(`/proposals/${proposal.id}/cosigning`, { version: proposal.version, deadline: `${values.deadline}T18:00:00+08:00`, inviteeUserIds: values.inviteeUserIds })
        : api.post<Invitation[]>(`/proposals/${proposal.id}/cosign-invitations`, { inviteeUserIds: values.inviteeUserIds }),
    );
    if (done) {
      void message.success(opening ? t('cosign.opened') : t('cosign.invited', { count: values.inviteeUserIds.length }));
      form.resetFields();
      onDone();
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} className="panel">
      <ErrorAlert error={action.error} onClose={action.clear} />
      <Form.Item label={t('cosign.invitees')} name="inviteeUserIds" rules={[{ required: true, message: t('cosign.inviteesRequired') }]}>
        <MemberSelect exclude={[session.me.id, ...already]} />
      </Form.Item>
      {opening && (
        <Form.Item label={t('cosign.deadline')} name="deadline" rules={[{ required: true, message: t('cosign.deadlineRequired') }]}>
          <Input type="date" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={action.pending === 'invite'}>
        {opening ? t('cosign.open') : t('cosign.inviteMore')}
      </Button>
    </Form>
  );
}

function WithdrawPanel({ proposal, onChange }: { proposal: Proposal; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = async () => {
    const done = await action.run('withdraw', () => api.post<Proposal>(`/proposals/${proposal.id}/withdraw`, { version: proposal.version, reason: reason.trim() }));
    if (done) {
      setOpen(false);
      void message.success(t('withdraw.done'));
      onChange();
    }
  };
  return (
    <Card className="panel">
      <Button danger onClick={() => setOpen(true)}>
        {t('withdraw.action')}
      </Button>
      <Modal
        open={open}
        title={t('withdraw.title')}
        okText={t('withdraw.action')}
        cancelText={t('app.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: action.pending === 'withdraw' }}
        onOk={() => void withdraw()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ErrorAlert error={action.error} onClose={action.clear} />
        <label htmlFor="withdraw-reason" className="field-label">
          {t('withdraw.reason')}
        </label>
        <Input.TextArea id="withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} aria-describedby="withdraw-reason-rule" />
        <Typography.Text type="secondary" id="withdraw-reason-rule">
          {t('withdraw.reasonRule')}
        </Typography.Text>
      </Modal>
    </Card>
  );
}
