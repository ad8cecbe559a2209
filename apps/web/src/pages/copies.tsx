import { Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Page } from '../api/types';
import type { CopiedReply } from '../api/reply-types';
import { ErrorAlert, formatTime, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager, searchBox, useQueryState } from '../ui/query';
import { useSession } from '../session';

/**
 * 抄送给我的答复: the replies copied to the office (read-only), newest first, searched in full text over
 * their title, number and text, filtered by read or unread, paged. Opening one records that the office has read it.
 */
export function CopiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, update] = useQueryState();
  const page = pageOf(params);
  const q = params.get('q') ?? '';
  const read = params.get('read');
  const copyRead = read === 'true' ? true : read === 'false' ? false : undefined;
  const list = useLoad(
    () => api.get<Page<CopiedReply>>('/replies', { status: 'dispatched', q: q || undefined, copyRead, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [q, copyRead, page, session.committeeId],
  );
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {t('reply.copiesList')}
      </Typography.Title>
      <Space wrap className="filters" role="search">
        <Input.Search key={q} {...searchBox(t('copies.searchPlaceholder'), q, t('app.search'), (next) => update({ q: next, page: undefined }))} />
        <Radio.Group
          aria-label={t('copyRead.filter')}
          className="read-filter"
          optionType="button"
          value={read ?? ''}
          onChange={(e) => update({ read: (e.target.value as string) || undefined, page: undefined })}
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
        pagination={pager(t, page, list.data?.total, update)}
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
