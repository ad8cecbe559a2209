import { App, Button, Card, Form, Input, List, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Reply, ReplyDiff } from '../api/types';
import type { VersionComment, VersionDetail, VersionSummary } from '../api/unit-types';
import { ErrorAlert, formatTime, useAction, useLoad } from '../ui/common';

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((c: { name?: string; phone?: string }) => `${c.name ?? ''} ${c.phone ?? ''}`.trim()).join('；') || '—';
  return String(value);
}

/** The body lines that changed between two versions, each announced as added or removed. */
export function DiffLines({ diff }: { diff: ReplyDiff }) {
  const { t } = useTranslation();
  const changed = diff.body.filter((run) => run.op !== 'equal');
  return (
    <div className="diff">
      {diff.fields.map((f) => (
        <div key={f.field} className="diff-field">
          {t('versions.fieldChanged', { field: t(`versions.fields.${f.field}`), from: valueText(f.from), to: valueText(f.to) })}
        </div>
      ))}
      {changed.length === 0 && diff.fields.length === 0 ? (
        <Typography.Text type="secondary">{t('reply.diffNone')}</Typography.Text>
      ) : (
        changed.map((run, index) =>
          run.lines.map((line, n) => (
            <div key={`${index}-${n}`} className={run.op === 'insert' ? 'diff-insert' : 'diff-delete'}>
              <span className="visually-hidden">{run.op === 'insert' ? t('reply.diffAdded') : t('reply.diffRemoved')}：</span>
              {run.op === 'insert' ? '+ ' : '− '}
              {line}
            </div>
          )),
        )
      )}
    </div>
  );
}

/**
 * Every saved version of a reply (the issuing unit and the committee see them): who saved it and when,
 * any two compared, and remarks (修改意见) on a version, read and written here.
 */
export function ReplyVersionsPanel({ reply }: { reply: Reply }) {
  const { t } = useTranslation();
  const versions = useLoad(() => api.get<VersionSummary[]>(`/replies/${reply.id}/versions`), [reply.id, reply.versionCount, reply.version]);
  const list = versions.data ?? [];
  const latest = list.length;
  const [picked, setPicked] = useState<{ from?: number; to?: number; remarks?: number }>({});
  const to = picked.to ?? latest;
  const from = picked.from ?? Math.max(1, to - 1);
  const remarksOf = picked.remarks ?? latest;
  const options = list.map((v) => ({ value: v.seq, label: t('versions.seqValue', { seq: v.seq }) }));

  return (
    <Card className="panel" title={<h2 className="card-title">{t('versions.title')}</h2>}>
      <ErrorAlert error={versions.error} />
      <Table<VersionSummary>
        rowKey="seq"
        size="small"
        loading={versions.loading}
        pagination={list.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        dataSource={[...list].reverse()}
        columns={[
          {
            title: t('versions.seq'),
            dataIndex: 'seq',
            render: (seq: number, v) => (
              <Space>
                {t('versions.seqValue', { seq })}
                {v.latest && <Tag color="blue">{t('versions.latest')}</Tag>}
              </Space>
            ),
          },
          { title: t('versions.author'), dataIndex: 'authorName' },
          { title: t('versions.savedAt'), dataIndex: 'createdAt', render: (at: string) => formatTime(at) },
          { title: t('reply.grade'), dataIndex: 'grade', render: (g: string | null) => g ?? '—' },
          {
            title: t('versions.comments'),
            dataIndex: 'comments',
            render: (n: number, v) => (
              <Button size="small" type="link" onClick={() => setPicked((p) => ({ ...p, remarks: v.seq }))} aria-label={`${t('versions.remarksOf', { seq: v.seq })}：${n}`}>
                {n}
              </Button>
            ),
          },
        ]}
      />
      {latest >= 2 && (
        <section aria-labelledby="compare-title" className="panel">
          <h3 className="subsection-title" id="compare-title">
            {t('versions.compare')}
          </h3>
          <Space wrap className="filters">
            <label className="inline-field">
              <span>{t('versions.from')}</span>
              <Select aria-label={t('versions.from')} value={from} options={options} onChange={(value: number) => setPicked((p) => ({ ...p, from: value }))} className="version-select" />
            </label>
            <label className="inline-field">
              <span>{t('versions.to')}</span>
              <Select aria-label={t('versions.to')} value={to} options={options} onChange={(value: number) => setPicked((p) => ({ ...p, to: value }))} className="version-select" />
            </label>
          </Space>
          {from === to ? <Typography.Paragraph type="secondary">{t('versions.sameVersion')}</Typography.Paragraph> : <VersionDiff replyId={reply.id} from={Math.min(from, to)} to={Math.max(from, to)} />}
        </section>
      )}
      {latest >= 1 && <Remarks replyId={reply.id} seq={remarksOf} onAdded={versions.reload} />}
    </Card>
  );
}

function VersionDiff({ replyId, from, to }: { replyId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useLoad(() => api.get<ReplyDiff>(`/replies/${replyId}/diff`, { from, to }), [replyId, from, to]);
  return (
    <section aria-label={t('versions.diffTitle', { from, to })}>
      <h4 className="subsection-title">{t('versions.diffTitle', { from, to })}</h4>
      <ErrorAlert error={diff.error} />
      {diff.data ? <DiffLines diff={diff.data} /> : !diff.error && <Spin />}
    </section>
  );
}

function Remarks({ replyId, seq, onAdded }: { replyId: string; seq: number; onAdded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<{ text: string; quote?: string }>();
  const version = useLoad(() => api.get<VersionDetail>(`/replies/${replyId}/versions/${seq}`), [replyId, seq]);
  const add = async (values: { text: string; quote?: string }) => {
    const done = await action.run('remark', () => api.post<VersionComment>(`/replies/${replyId}/versions/${seq}/comments`, { text: values.text.trim(), quote: values.quote?.trim() || undefined }));
    if (done) {
      form.resetFields();
      void message.success(t('versions.remarked'));
      version.reload();
      onAdded();
    }
  };
  return (
    <section aria-labelledby="remarks-title" className="panel">
      <h3 className="subsection-title" id="remarks-title">
        {t('versions.remarksOf', { seq })}
      </h3>
      <ErrorAlert error={version.error ?? action.error} onClose={action.error ? action.clear : undefined} />
      <List
        size="small"
        loading={version.loading}
        dataSource={version.data?.commentList ?? []}
        locale={{ emptyText: t('versions.noRemarks') }}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={`${c.authorName} · ${formatTime(c.createdAt)}`}
              description={
                <>
                  {c.quote && <blockquote className="remark-quote">{c.quote}</blockquote>}
                  <span className="remark-text">{c.text}</span>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" onFinish={add}>
        <Form.Item label={t('versions.quote')} name="quote" rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('versions.remark')} name="text" rules={[{ required: true, whitespace: true, max: 2000, message: t('versions.remarkRule') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={action.pending === 'remark'}>
          {t('versions.addRemark')}
        </Button>
      </Form>
    </section>
  );
}
