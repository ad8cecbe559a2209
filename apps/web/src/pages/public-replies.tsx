import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Input, List, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { Page, PublicCommittee, PublishedReply } from '../api/types';
import type { FoundPublishedReply } from '../api/reply-types';
import { HighlightList } from '../ui/highlight';
import { ErrorAlert, numberText, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';


/** Published replies (公开), without login: searchable by title, per committee, paged. */
export function PublicRepliesPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryState();
  const page = pageOf(params);
  const q = params.get('q') ?? '';
  const committeeId = params.get('committee') ?? '';
  const committees = useLoad(() => api.request<PublicCommittee[]>('GET', '/public/committees', { anonymous: true }), []);
  const list = useLoad(
    () =>
      api.request<Page<FoundPublishedReply>>('GET', '/public/replies', {
        anonymous: true,
        query: { q: q || undefined, committeeId: committeeId || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      }),
    [q, committeeId, page],
  );
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {t('publicReplies.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('publicReplies.intro')}</Typography.Paragraph>
      <Space wrap className="filters" role="search">
        <Select
          aria-label={t('publicReplies.committee')}
          className="filter-status"
          value={committeeId}
          onChange={(value: string) => update({ committee: value || undefined, page: undefined })}
          options={[{ value: '', label: t('publicReplies.allCommittees') }, ...(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          popupMatchSelectWidth={false}
        />
        <Input.Search
          aria-label={t('publicReplies.searchPlaceholder')}
          placeholder={t('publicReplies.searchPlaceholder')}
          defaultValue={q}
          allowClear
          enterButton={t('app.search')}
          onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
          className="filter-search"
        />
      </Space>
      <ErrorAlert error={list.error} />
      <List
        itemLayout="vertical"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('publicReplies.empty') }}
        pagination={pager(t, page, list.data?.total, update)}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/public/replies/${r.id}`}>{r.title}</Link>}
              description={`${r.committee} · ${r.issuingUnit}${r.docNumber ? ` · ${r.docNumber}` : ''}${r.date ? ` · ${r.date}` : ''}`}
            />
            {t('proposal.title')}：{r.proposalTitle}
            <HighlightList items={r.highlights} label={t('mine.matches')} />
          </List.Item>
        )}
      />
    </section>
  );
}

export function PublicReplyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const reply = useLoad(() => api.request<PublishedReply>('GET', `/public/replies/${id}`, { anonymous: true }), [id]);
  const r = reply.data;
  return (
    <section aria-labelledby="page-title">
      <Link to="/public/replies">{t('publicReplies.backToList')}</Link>
      <Typography.Title level={1} id="page-title">
        {r ? r.title : t('app.loading')}
      </Typography.Title>
      <ErrorAlert error={reply.error} />
      {r && (
        <Card>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('publicReplies.committee')}>{r.committee}</Descriptions.Item>
            <Descriptions.Item label={t('proposal.session')}>{r.session}</Descriptions.Item>
            <Descriptions.Item label={t('proposal.number')}>{numberText(t, r.proposalNumber)}</Descriptions.Item>
            <Descriptions.Item label={t('proposal.title')}>{r.proposalTitle}</Descriptions.Item>
            <Descriptions.Item label={t('reply.issuingUnit')}>{r.issuingUnit}</Descriptions.Item>
            <Descriptions.Item label={t('reply.docNumber')}>{r.docNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reply.date')}>{r.date ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reply.disclosure')}>{t(`reply.disclosures.${r.disclosure}`)}</Descriptions.Item>
          </Descriptions>
          {r.disclosure === 'full' && (
            <p className="actions">
              <a href={`/api/public/replies/${r.id}/document.pdf`} target="_blank" rel="noopener">
                <FilePdfOutlined aria-hidden /> {t('publicReplies.pdf')}
              </a>
              {r.sha256 && (
                <Typography.Text type="secondary" className="sha">
                  {' '}
                  {t('reply.sha256')}：<code>{r.sha256}</code>
                </Typography.Text>
              )}
            </p>
          )}
          {r.disclosure === 'summary' ? <Alert type="info" title={t('publicReplies.summaryOnly')} description={r.summary} /> : <div className="doc-body public-text">{r.text}</div>}
        </Card>
      )}
    </section>
  );
}
