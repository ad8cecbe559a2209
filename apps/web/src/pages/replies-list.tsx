import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Page, Reply, ReplyStatus } from '../api/types';
import { ErrorAlert, formatTime, ReplyStatusTag, useLoad } from '../ui/common';
import { useSession } from '../session';

const PAGE_SIZE = 10;

/** Replies waiting for the leader's sign-off (`sign-off`), or the replies copied to an office (`copies`). */
export function RepliesListPage({ mode }: { mode: 'sign-off' | 'copies' }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const status: ReplyStatus = mode === 'sign-off' ? 'awaiting_signoff' : 'dispatched';
  const list = useLoad(() => api.get<Page<Reply>>('/replies', { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [status, page, session.committeeId]);
  const heading = mode === 'sign-off' ? t('reply.signOffList') : t('reply.copiesList');
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {heading}
      </Typography.Title>
      <ErrorAlert error={list.error} />
      <Table<Reply>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reply.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('app.total', { total }),
          onChange: (next) => setParams(next > 1 ? { page: String(next) } : {}),
        }}
        columns={[
          { title: t('reply.title'), key: 'title', render: (_: unknown, r) => <Link to={`/replies/${r.id}`}>{r.document.title}</Link> },
          { title: t('reply.issuingUnit'), key: 'unit', render: (_: unknown, r) => r.document.issuingUnit },
          ...(mode === 'copies'
            ? [
                { title: t('reply.docNumber'), key: 'number', render: (_: unknown, r: Reply) => r.document.docNumber ?? '—' },
                { title: t('reply.dispatchedAt'), key: 'at', render: (_: unknown, r: Reply) => formatTime(r.dispatchedAt) },
              ]
            : [{ title: t('reply.versionColumn'), key: 'versions', render: (_: unknown, r: Reply) => t('reply.versions', { count: r.versionCount }) }]),
          { title: t('reply.status'), dataIndex: 'status', render: (s: ReplyStatus) => <ReplyStatusTag status={s} /> },
        ]}
      />
    </section>
  );
}
