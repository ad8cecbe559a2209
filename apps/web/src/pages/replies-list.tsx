import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Page, Reply, ReplyStatus } from '../api/types';
import { ErrorAlert, ReplyStatusTag, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import { useSession } from '../session';

/** Replies waiting for the leader's sign-off (`sign-off`), or for my decision as an internal reviewer (`my-review`, 内部审核). */
export function RepliesListPage({ mode }: { mode: 'sign-off' | 'my-review' }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, update] = useQueryState();
  const page = pageOf(params);
  const query = mode === 'sign-off' ? { status: 'awaiting_signoff' } : { awaitingMyReview: true };
  const list = useLoad(() => api.get<Page<Reply>>('/replies', { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [mode, page, session.committeeId]);
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {mode === 'sign-off' ? t('reply.signOffList') : t('internalReview.queueTitle')}
      </Typography.Title>
      {mode === 'my-review' && <Typography.Paragraph>{t('internalReview.queueIntro')}</Typography.Paragraph>}
      <ErrorAlert error={list.error} />
      <Table<Reply>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: mode === 'sign-off' ? t('reply.empty') : t('internalReview.queueEmpty') }}
        pagination={pager(t, page, list.data?.total, update)}
        columns={[
          { title: t('reply.title'), key: 'title', render: (_: unknown, r) => <Link to={`/replies/${r.id}`}>{r.document.title}</Link> },
          { title: t('reply.issuingUnit'), key: 'unit', render: (_: unknown, r) => r.document.issuingUnit },
          { title: t('reply.versionColumn'), key: 'versions', render: (_: unknown, r: Reply) => t('reply.versions', { count: r.versionCount }) },
          { title: t('reply.status'), dataIndex: 'status', render: (s: ReplyStatus) => <ReplyStatusTag status={s} /> },
        ]}
      />
    </section>
  );
}
