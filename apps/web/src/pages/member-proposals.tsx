import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, List, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Page, Proposal, ProposalStatus } from '../api/types';
import type { Highlight, Invitation, InvitationStatus } from '../api/unit-types';
import { ErrorAlert, formatTime, numberText, ProposalStatusTag, useAction, useLoad } from '../ui/common';
import { HighlightList } from '../ui/highlight';
import { PAGE_SIZE, pageOf, pager, searchBox, useQueryState } from '../ui/query';
import { useSession } from '../session';

/** The member's tabs: each a group of statuses (the API takes them as one `statuses` list). */
const TABS: Record<string, ProposalStatus[]> = {
  all: [],
  drafts: ['draft', 'cosigning'],
  submitted: ['submitted', 'under_review'],
  filed: ['filed', 'assigned', 'in_handling', 'rehandling'],
  replied: ['replied'],
  closed: ['closed', 'merged', 'to_opinion', 'not_filed', 'withdrawn'],
};
const TAB_ORDER = ['all', 'drafts', 'invitations', 'submitted', 'filed', 'replied', 'closed'] as const;
type Tab = (typeof TAB_ORDER)[number];

type Found = Proposal & { highlights?: Highlight[] };

export const INVITATION_COLORS: Record<InvitationStatus, string> = { invited: 'warning', accepted: 'success', declined: 'default' };

/**
 * 我的提案 for a member: all of them, or split by where each proposal stands (drafts, invitations to co-sign, submitted,
 * filed, replied, ended), searched in full text with the matching passages shown, paged; the tab,
 * the search and the page live in the address.
 */
export function MyProposalsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params, update] = useQueryState();
  const tabParam = params.get('tab') as Tab | null;
  const tab: Tab = tabParam && (TAB_ORDER as readonly string[]).includes(tabParam) ? tabParam : 'all';
  const page = pageOf(params);
  const q = params.get('q') ?? '';


  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('nav.myProposals')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/proposals/new')}>
          {t('proposal.write')}
        </Button>
      </div>
      {/* Radio buttons rather than tabs: they wrap on a phone, where a tab bar would hide stages behind a menu. */}
      <Radio.Group
        aria-label={t('nav.myProposals')}
        optionType="button"
        buttonStyle="solid"
        className="stage-filter"
        value={tab}
        onChange={(event) => update({ tab: event.target.value === 'all' ? undefined : (event.target.value as string), page: undefined })}
        options={TAB_ORDER.map((key) => ({ value: key, label: t(`mine.tabs.${key}`) }))}
      />
      {tab === 'invitations' ? (
        <InvitationsList page={page} onPage={(next) => update({ page: next > 1 ? String(next) : undefined })} />
      ) : (
        <ProposalTab statuses={TABS[tab]} page={page} q={q} memberId={session.me.id} committeeId={session.committeeId} update={update} />
      )}
    </section>
  );
}

function ProposalTab(props: {
  statuses: ProposalStatus[];
  page: number;
  q: string;
  memberId: string;
  committeeId: string;
  update: (changes: Record<string, string | undefined>) => void;
}) {
  const { t } = useTranslation();
  const { statuses, page, q, memberId, committeeId, update } = props;
  const list = useLoad(
    () =>
      api.get<Page<Found>>('/proposals', {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        statuses: statuses.join(',') || undefined,
        q: q || undefined,
        proposerUserId: memberId,
      }),
    [page, q, statuses.join(','), memberId, committeeId],
  );
  return (
    <>
      <Space wrap className="filters" role="search">
        <Input.Search key={q} {...searchBox(t('mine.searchPlaceholder'), q, t('app.search'), (next) => update({ q: next, page: undefined }))} aria-describedby="search-hint" />
        <Typography.Text type="secondary" id="search-hint">
          {t('mine.searchHint')}
        </Typography.Text>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Found>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('proposal.empty') }}
        pagination={pager(t, page, list.data?.total, update)}
        columns={[
          { title: t('proposal.number'), dataIndex: 'number', render: (n: number | null) => numberText(t, n), width: 100 },
          {
            title: t('proposal.title'),
            dataIndex: 'title',
            render: (title: string, p) => (
              <>
                <Link to={`/proposals/${p.id}`}>{title}</Link>
                <HighlightList items={p.highlights} label={t('mine.matches')} />
              </>
            ),
          },
          { title: t('proposal.proposers'), key: 'proposers', render: (_: unknown, p) => p.proposers.map((x) => x.displayName).join('、') },
          { title: t('proposal.status'), dataIndex: 'status', render: (s: ProposalStatus) => <ProposalStatusTag status={s} /> },
          { title: t('proposal.submittedAt'), dataIndex: 'submittedAt', render: (at: string | null) => formatTime(at) },
        ]}
      />
    </>
  );
}

/** Invitations to co-sign, newest first, answered from the list. */
function InvitationsList({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const action = useAction();
  const list = useLoad(() => api.get<Page<Invitation>>('/cosign-invitations', { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [page, session.committeeId]);
  const answer = async (invitation: Invitation, accept: boolean) => {
    const done = await action.run(`${accept ? 'accept' : 'decline'}-${invitation.id}`, () => api.post<Invitation>(`/proposals/${invitation.proposalId}/cosign`, { accept }));
    if (done) {
      void message.success(accept ? t('cosign.accepted') : t('cosign.declined'));
      list.reload();
    }
  };
  return (
    <>
      <ErrorAlert error={list.error ?? action.error} onClose={action.error ? action.clear : undefined} />
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('cosign.invitationsEmpty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: onPage, hideOnSinglePage: true }}
        renderItem={(invitation) => (
          <List.Item
            actions={
              invitation.status === 'invited'
                ? [
                    <Button
                      key="accept"
                      type="primary"
                      size="small"
                      loading={action.pending === `accept-${invitation.id}`}
                      onClick={() => void answer(invitation, true)}
                      aria-label={`${t('cosign.accept')}：${invitation.proposalTitle}`}
                    >
                      {t('cosign.accept')}
                    </Button>,
                    <Button
                      key="decline"
                      size="small"
                      loading={action.pending === `decline-${invitation.id}`}
                      onClick={() => void answer(invitation, false)}
                      aria-label={`${t('cosign.decline')}：${invitation.proposalTitle}`}
                    >
                      {t('cosign.decline')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<Link to={`/proposals/${invitation.proposalId}`}>{invitation.proposalTitle}</Link>}
              description={
                <Space wrap>
                  <Tag color={INVITATION_COLORS[invitation.status]}>{t(`cosign.statuses.${invitation.status}`)}</Tag>
                  <span>{t('cosign.deadlineText', { deadline: formatTime(invitation.cosignDeadline) })}</span>
                  {invitation.respondedAt && (
                    <span>
                      {t('cosign.answeredAt')}：{formatTime(invitation.respondedAt)}
                    </span>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
