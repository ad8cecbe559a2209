import { App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Grade, Page } from '../api/types';
import type { FollowUp } from '../api/staff-types';
import { ErrorAlert, formatTime, numberText, useAction, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager } from '../ui/query';
import { useSession } from '../session';

type StatusFilter = 'open' | 'done' | '';

/**
 * 跟踪办理 for a unit's drafters and leaders: the B/C replies of my unit followed up for a second result,
 * with their due dates (overdue marked), filtered by status and overdue; each open one records its new
 * grade and what has happened since.
 */
export function UnitFollowUpsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const page = pageOf(params);
  const statusParam = params.get('status');
  const status: StatusFilter = statusParam === 'done' || statusParam === '' ? statusParam : 'open';
  const overdue = params.get('overdue') === 'true';
  const [recording, setRecording] = useState<FollowUp | null>(null);
  const opened = useRef<string | null>(null);
  const open = (item: FollowUp) => {
    opened.current = item.id;
    setRecording(item);
  };
  const list = useLoad(
    () =>
      api.get<Page<FollowUp>>('/follow-ups', {
        status: status || undefined,
        overdue: overdue || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [status, overdue, page, session.committeeId],
  );
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    next.delete('page');
    if (changes.page) next.set('page', changes.page);
    setParams(next);
  };

  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {t('followUps.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('unitFollowUps.intro')}</Typography.Paragraph>
      <Space wrap className="filters">
        <Radio.Group
          aria-label={t('unitFollowUps.statusFilter')}
          className="follow-up-filter"
          optionType="button"
          value={status}
          onChange={(e) => update({ status: e.target.value === 'open' ? undefined : (e.target.value as string) })}
          options={[
            { value: 'open', label: t('followUps.statuses.open') },
            { value: 'done', label: t('followUps.statuses.done') },
            { value: '', label: t('unitFollowUps.all') },
          ]}
        />
        <Checkbox checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>
          {t('unitFollowUps.overdueOnly')}
        </Checkbox>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<FollowUp>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('unitFollowUps.empty') }}
        pagination={pager(t, page, list.data?.total, update)}
        columns={[
          {
            title: t('unitFollowUps.proposal'),
            key: 'proposal',
            render: (_: unknown, f) => <Link to={`/proposals/${f.proposalId}`}>{`${numberText(t, f.proposalNumber)} ${f.proposalTitle}`}</Link>,
          },
          { title: t('unitFollowUps.docNumber'), key: 'doc', render: (_: unknown, f) => <Link to={`/replies/${f.replyId}`}>{f.replyDocNumber ?? '—'}</Link> },
          { title: t('unitFollowUps.unit'), dataIndex: 'unitName' },
          { title: t('followUps.firstGrade'), dataIndex: 'firstGrade' },
          {
            title: t('followUps.dueDate'),
            key: 'due',
            render: (_: unknown, f) => (
              <Space size="small">
                <span>{f.dueDate}</span>
                {f.overdue && <Tag color="error">{t('unitFollowUps.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('followUps.result'),
            key: 'result',
            render: (_: unknown, f) =>
              f.status === 'done' ? (
                <span>
                  <Tag color="success">{f.resultGrade}</Tag>
                  {f.resultText} <Typography.Text type="secondary">{formatTime(f.recordedAt)}</Typography.Text>
                </span>
              ) : (
                <RecordButton item={f} onOpen={open} />
              ),
          },
        ]}
      />
      <RecordResultDialog
        item={recording}
        onClose={(recorded) => {
          setRecording(null);
          if (recorded) list.reload();
        }}
        onClosed={() =>
          // Back to the button that opened it, or to the page when that row changed after recording.
          (document.querySelector<HTMLElement>(`[data-follow-up="${opened.current}"]`) ?? document.getElementById('main'))?.focus()
        }
      />
    </section>
  );
}

/** Opens the result form; the button gets the focus back when the dialog closes. */
function RecordButton({ item, onOpen }: { item: FollowUp; onOpen: (item: FollowUp) => void }) {
  const { t } = useTranslation();
  return (
    <Button size="small" data-follow-up={item.id} onClick={() => onOpen(item)} aria-label={`${t('followUps.record')}：${item.proposalTitle}`}>
      {t('followUps.record')}
    </Button>
  );
}

function RecordResultDialog({ item, onClose, onClosed }: { item: FollowUp | null; onClose: (recorded: boolean) => void; onClosed: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<{ grade: string; text: string }>();
  const grades = useLoad(() => api.get<Grade[]>('/replies/grades'), []);

  const record = async (values: { grade: string; text: string }) => {
    if (!item) return;
    const done = await action.run('record', () => api.post<FollowUp>(`/follow-ups/${item.id}/result`, { grade: values.grade, text: values.text.trim() }));
    if (done) {
      void message.success(t('followUps.recorded'));
      form.resetFields();
      onClose(true);
    }
  };
  return (
    <Modal
      open={item !== null}
      title={item ? t('unitFollowUps.recordFor', { title: item.proposalTitle }) : ''}
      okText={t('followUps.record')}
      cancelText={t('app.cancel')}
      okButtonProps={{ loading: action.pending === 'record' }}
      onOk={() => form.submit()}
      onCancel={() => {
        action.clear();
        onClose(false);
      }}
      afterOpenChange={(open) => {
        if (!open) onClosed();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={grades.error ?? action.error} />
      <Form form={form} layout="vertical" onFinish={record} preserve={false}>
        <Form.Item label={t('followUps.grade')} name="grade" rules={[{ required: true, message: t('unitFollowUps.gradeRequired') }]}>
          <Select options={(grades.data ?? []).map((g) => ({ value: g.code, label: `${g.code}：${g.meaning}` }))} />
        </Form.Item>
        <Form.Item label={t('followUps.text')} name="text" rules={[{ required: true, whitespace: true, min: 2, message: t('unitFollowUps.textRule') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
