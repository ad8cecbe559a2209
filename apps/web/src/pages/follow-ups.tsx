import { App, Checkbox, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { FollowUp } from '../api/staff-types';
import type { Grade, Page } from '../api/types';
import { ErrorAlert, formatTime, numberText, useLoad } from '../ui/common';
import { DecisionButton } from '../ui/decision';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import '../ui/staff.css';


/** 跟踪办理: answers graded B or C revisited for a second result; filtered by status and by being due; the result recorded in a dialog. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, update] = useQueryState();
  const status = params.get('status') === 'done' ? 'done' : params.get('status') === 'all' ? '' : 'open';
  const overdue = params.get('overdue') === 'true';
  const page = pageOf(params);
  const list = useLoad(
    () => api.get<Page<FollowUp>>('/follow-ups', { status: status || undefined, overdue: overdue || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [status, overdue, page],
  );
  const grades = useLoad(() => api.get<Grade[]>('/replies/grades'), []);
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.followUps.title')}
        </Typography.Title>
      </div>
      <Space wrap className="filters" role="search">
        <Select
          aria-label={t('staff.followUps.statusFilter')}
          className="filter-status"
          value={status}
          onChange={(value: string) => update({ status: value || 'all', page: undefined })}
          options={[
            { value: '', label: t('app.all') },
            { value: 'open', label: t('staff.followUps.statuses.open') },
            { value: 'done', label: t('staff.followUps.statuses.done') },
          ]}
        />
        <Checkbox checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined, page: undefined })}>
          {t('staff.followUps.overdueOnly')}
        </Checkbox>
      </Space>
      <ErrorAlert error={list.error ?? grades.error} />
      <Table<FollowUp>
        rowKey="id"
        size="small"
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('staff.followUps.empty') }}
        pagination={pager(t, page, list.data?.total, update)}
        columns={[
          { title: t('staff.common.proposal'), key: 'proposal', render: (_: unknown, f) => <Link to={`/proposals/${f.proposalId}`}>{`${numberText(t, f.proposalNumber)} ${f.proposalTitle}`}</Link> },
          { title: t('staff.common.unit'), dataIndex: 'unitName' },
          { title: t('staff.followUps.firstGrade'), dataIndex: 'firstGrade' },
          {
            title: t('staff.followUps.dueDate'),
            key: 'due',
            render: (_: unknown, f) => (
              <Space>
                {f.dueDate}
                {f.overdue && <Tag color="error">{t('staff.followUps.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('staff.common.status'), dataIndex: 'status', render: (s: FollowUp['status']) => <Tag color={s === 'open' ? 'processing' : 'success'}>{t(`staff.followUps.statuses.${s}`)}</Tag> },
          { title: t('staff.followUps.result'), key: 'result', render: (_: unknown, f) => (f.resultGrade ? `${f.resultGrade} · ${f.resultText ?? ''} · ${formatTime(f.recordedAt)}` : '—') },
          {
            title: t('app.actions'),
            key: 'record',
            render: (_: unknown, f) =>
              f.status === 'open' ? (
                <DecisionButton<{ grade: string; text: string }>
                  label={t('staff.followUps.record')}
                  ariaLabel={`${t('staff.followUps.record')}：${f.proposalTitle}（${f.unitName}）`}
                  title={t('staff.followUps.recordTitle', { title: f.proposalTitle })}
                  onSubmit={async (v) => {
                    const done = await api.post(`/follow-ups/${f.id}/result`, { grade: v.grade, text: v.text.trim() });
                    void message.success(t('staff.followUps.recorded'));
                    list.reload();
                    return done;
                  }}
                >
                  <Form.Item label={t('staff.followUps.grade')} name="grade" rules={[{ required: true, message: t('staff.followUps.grade') }]}>
                    <Select options={(grades.data ?? []).map((g) => ({ value: g.code, label: `${g.code} ${g.meaning}` }))} />
                  </Form.Item>
                  <Form.Item label={t('staff.followUps.text')} name="text" rules={[{ required: true, whitespace: true, min: 2, message: t('staff.followUps.textRequired') }]}>
                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
                  </Form.Item>
                </DecisionButton>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
