import { Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { type Page, PROPOSAL_STATUSES, type Proposal, type ProposalStatus } from '../api/types';
import { ErrorAlert, formatTime, numberText, ProposalStatusTag, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import { useSession } from '../session';

const REVIEW_STATUSES: ProposalStatus[] = ['submitted', 'under_review'];

/**
 * Every proposal of the committee (`all`, staff) or the review queue (`review`, staff: submitted and
 * under review); a member's own are in member-proposals.tsx. Paged, filtered by status and searched by title on the
 * server; the filters live in the address, so back and reload keep them.
 */
export function ProposalsListPage({ mode }: { mode: 'all' | 'review' }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, update] = useQueryState();
  const page = pageOf(params);
  const q = params.get('q') ?? '';
  const statusParam = params.get('status') as ProposalStatus | null;
  const statuses = mode === 'review' ? REVIEW_STATUSES : PROPOSAL_STATUSES;
  const status = statusParam && statuses.includes(statusParam) ? statusParam : mode === 'review' ? 'submitted' : undefined;

  const list = useLoad(
    () =>
      api.get<Page<Proposal>>('/proposals', {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        status,
        q: q || undefined,
        sort: mode === 'review' ? 'submittedAt' : '-createdAt',
      }),
    [page, q, status, mode, session.committeeId],
  );


  const heading = mode === 'review' ? t('review.title') : t('nav.allProposals');
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {heading}
        </Typography.Title>
      </div>
      <Space wrap className="filters" role="search">
        <Select
          aria-label={t('proposal.statusFilter')}
          className="filter-status"
          value={status ?? ''}
          onChange={(value: string) => update({ status: value || undefined, page: undefined })}
          options={[
            ...(mode === 'review' ? [] : [{ value: '', label: t('app.all') }]),
            ...statuses.map((s) => ({ value: s, label: t(`proposal.statuses.${s}`) })),
          ]}
        />
        <Input.Search
          aria-label={t('proposal.searchPlaceholder')}
          placeholder={t('proposal.searchPlaceholder')}
          defaultValue={q}
          allowClear
          enterButton={t('app.search')}
          onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
          className="filter-search"
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Proposal>
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
            render: (title: string, p) => <Link to={`/proposals/${p.id}`}>{title}</Link>,
          },
          { title: t('proposal.proposers'), key: 'proposers', render: (_: unknown, p: Proposal) => p.proposers.map((x) => x.displayName).join('、') },
          { title: t('proposal.status'), dataIndex: 'status', render: (s: ProposalStatus) => <ProposalStatusTag status={s} /> },
          { title: t('proposal.submittedAt'), dataIndex: 'submittedAt', render: (at: string | null) => formatTime(at) },
        ]}
      />
    </section>
  );
}
