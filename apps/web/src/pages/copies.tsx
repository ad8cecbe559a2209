import { Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Page, Reply } from '../api/types';
import { ErrorAlert, formatTime, useLoad } from '../ui/common';
import { PAGE_SIZE, pager, searchBox } from '../ui/paging';
import { useSession } from '../session';

/**
 * 抄送给我的答复: the replies copied to the office (read-only), newest first, searched in full text over
 * their title, number and text, paged. Opening one records that the office has read it.
 */
export function CopiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const q = params.get('q') ?? '';
  const list = useLoad(
    () => api.get<Page<Reply>>('/replies', { status: 'dispatched', q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [q, page, session.committeeId],
  );
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {t('reply.copiesList')}
      </Typography.Title>
      <Space wrap className="filters" role="search">
        <Input.Search key={q} {...searchBox(t('copies.searchPlaceholder'), q, t('app.search'), (next) => setParams(next ? { q: next } : {}))} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Reply>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reply.empty') }}
        pagination={pager(t, page, list.data?.total, (next) => setParams({ ...(q ? { q } : {}), ...(next > 1 ? { page: String(next) } : {}) }))}
        columns={[
          { title: t('reply.title'), key: 'title', render: (_: unknown, r) => <Link to={`/replies/${r.id}`}>{r.document.title}</Link> },
          { title: t('reply.issuingUnit'), key: 'unit', render: (_: unknown, r) => r.document.issuingUnit },
          { title: t('reply.docNumber'), key: 'number', render: (_: unknown, r) => r.document.docNumber ?? '—' },
          { title: t('reply.dispatchedAt'), key: 'at', render: (_: unknown, r) => formatTime(r.dispatchedAt) },
        ]}
      />
    </section>
  );
}
