import { Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Page } from '../api/types';
import type { CopiedReply } from '../api/unit2-types';
import { ErrorAlert, formatTime, useLoad } from '../ui/common';
import { PAGE_SIZE, pager, searchBox } from '../ui/paging';
import { useSession } from '../session';

/**
 * 抄送给我的答复: the replies copied to the office (read-only), newest first, searched in full text over
 * their title, number and text, filtered by read or unread, paged. Opening one records that the office has read it.
 */
export function CopiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const q = params.get('q') ?? '';
  const read = params.get('read');
  const copyRead = read === 'true' ? true : read === 'false' ? false : undefined;
  const list = useLoad(
    () => api.get<Page<CopiedReply>>('/replies', { status: 'dispatched', q: q || undefined, copyRead, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [q, copyRead, page, session.committeeId],
  );
  /** The address without the page: a new search or filter starts on page 1. */
  const filters = (changes: { q?: string; read?: string }) => {
    const next = { q: q || undefined, read: read ?? undefined, ...changes };
    return Object.fromEntries(Object.entries(next).filter((entry): entry is [string, string] => entry[1] !== undefined));
  };
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {t('reply.copiesList')}
      </Typography.Title>
      <Space wrap className="filters" role="search">
        <Input.Search key={q} {...searchBox(t('copies.searchPlaceholder'), q, t('app.search'), (next) => setParams(filters({ q: next })))} />
        <Radio.Group
          aria-label={t('copyRead.filter')}
          className="read-filter"
          optionType="button"
          value={read ?? ''}
          onChange={(e) => setParams(filters({ read: (e.target.value as string) || undefined }))}
          options={[
            { value: '', label: t('copyRead.all') },
            { value: 'false', label: t('copyRead.unread') },
            { value: 'true', label: t('copyRead.read') },
          ]}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<CopiedReply>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reply.empty') }}
        pagination={pager(t, page, list.data?.total, (next) => setParams({ ...filters({}), ...(next > 1 ? { page: String(next) } : {}) }))}
        columns={[
          { title: t('reply.title'), key: 'title', render: (_: unknown, r) => <Link to={`/replies/${r.id}`}>{r.document.title}</Link> },
          { title: t('reply.issuingUnit'), key: 'unit', render: (_: unknown, r) => r.document.issuingUnit },
          { title: t('reply.docNumber'), key: 'number', render: (_: unknown, r) => r.document.docNumber ?? '—' },
          { title: t('reply.dispatchedAt'), key: 'at', render: (_: unknown, r) => formatTime(r.dispatchedAt) },
          {
            title: t('copyRead.state'),
            key: 'read',
            render: (_: unknown, r) =>
              r.copyReadAt ? <Typography.Text type="secondary">{t('copyRead.readAt', { time: formatTime(r.copyReadAt) })}</Typography.Text> : <Tag color="processing">{t('copyRead.unread')}</Tag>,
          },
        ]}
      />
    </section>
  );
}
