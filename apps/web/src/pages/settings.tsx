import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { type AdminSession, type CalendarDay, type CodeTableName, DEADLINE_RULES, type DeadlineRule, type DeadlineRuleName, type HolidayNotice } from '../api/staff-types';
import type { Code } from '../api/types';
import { ErrorAlert, useAction, useLoad } from '../ui/common';
import { DecisionButton } from '../ui/decision';
import { PAGE_SIZE, useQueryState } from '../ui/query';
import '../ui/staff.css';

const TABLES: CodeTableName[] = ['not-filed-reason', 'category', 'reply-grade', 'sector'];
const UNITS: DeadlineRule['unit'][] = ['calendar_days', 'working_days', 'calendar_months'];

/** The administrator's 工作日历, the sessions' deadline rules and the committee's code tables. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryState();
  const tab = params.get('tab') ?? 'calendar';
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.settings.title')}
        </Typography.Title>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'calendar' ? undefined : key })}
        items={[
          {
            key: 'calendar',
            label: t('staff.settings.calendar'),
            children: (
              <>
                <NoticeCard />
                <CalendarTab />
              </>
            ),
          },
          { key: 'sessions', label: t('staff.settings.sessions'), children: <SessionsTab /> },
          { key: 'codes', label: t('staff.settings.codeTables'), children: <CodeTablesTab /> },
        ]}
      />
    </section>
  );
}

/** The State Council's notice pasted whole: the server reads it (preview), then loads it on confirmation. */
function NoticeCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<HolidayNotice | null>(null);
  const action = useAction();
  const read = async () => {
    setPreview(null);
    const done = await action.run('preview', () => api.post<HolidayNotice>('/admin/calendar/notice/preview', { text }));
    if (done) setPreview(done);
  };
  const load = async () => {
    const done = await action.run('load', () => api.post<HolidayNotice & { recomputed: number; confirmed: number }>('/admin/calendar/notice', { text }));
    if (!done) return;
    void message.success(t('staff.settings.loaded', { year: done.year, moved: done.recomputed, confirmed: done.confirmed }));
    setPreview(null);
    setText('');
  };
  return (
    <Card className="panel" title={<h2 className="card-title">{t('staff.settings.notice')}</h2>}>
      <Typography.Paragraph>{t('staff.settings.noticeHint')}</Typography.Paragraph>
      <ErrorAlert error={action.error} onClose={action.clear} />
      <label htmlFor="holiday-notice-text" className="field-label">
        {t('staff.settings.noticeText')}
      </label>
      <Input.TextArea
        id="holiday-notice-text"
        value={text}
        rows={8}
        maxLength={20_000}
        onChange={(event) => {
          setText(event.target.value);
          setPreview(null);
        }}
      />
      <Space className="actions">
        <Button onClick={() => void read()} loading={action.pending === 'preview'} disabled={text.trim().length === 0}>
          {t('staff.settings.preview')}
        </Button>
      </Space>
      {preview && (
        <section aria-label={t('staff.settings.previewTitle', { year: preview.year, source: preview.source ?? '—' })}>
          <Typography.Title level={3}>{t('staff.settings.previewTitle', { year: preview.year, source: preview.source ?? '—' })}</Typography.Title>
          <Table
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={preview.holidays}
            columns={[
              { title: t('staff.settings.holiday'), dataIndex: 'name' },
              { title: t('staff.settings.daysOff'), dataIndex: 'daysOff', render: (days: string[]) => days.join('、') },
              { title: t('staff.settings.workdays'), dataIndex: 'workdays', render: (days: string[]) => (days.length > 0 ? days.join('、') : '—') },
            ]}
          />
          <Space className="actions">
            <Button type="primary" onClick={() => void load()} loading={action.pending === 'load'}>
              {t('staff.settings.confirmLoad')}
            </Button>
          </Space>
        </section>
      )}
    </Card>
  );
}

function CalendarTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [source, setSource] = useState<'' | 'committee'>('');
  const [page, setPage] = useState(1);
  const days = useLoad(() => api.get<CalendarDay[]>('/admin/calendar', { year }), [year]);
  const action = useAction();
  const [form] = Form.useForm<{ date: string; kind: 'holiday' | 'workday'; name: string }>();
  const shown = (days.data ?? []).filter((d) => !source || d.source === source);

  const save = async (values: { date: string; kind: 'holiday' | 'workday'; name: string }) => {
    const done = await action.run('save', () => api.put<{ recomputed: number }>(`/admin/calendar/${values.date}`, { kind: values.kind, name: values.name.trim() }));
    if (!done) return;
    void message.success(t('staff.settings.daySaved', { count: done.recomputed }));
    form.resetFields();
    days.reload();
  };
  const clear = async (date: string) => {
    const done = await action.run(`clear-${date}`, () => api.delete<{ recomputed: number }>(`/admin/calendar/${date}`));
    if (!done) return;
    void message.success(t('staff.settings.dayCleared', { count: done.recomputed }));
    days.reload();
  };
  return (
    <Card className="panel">
      <Typography.Paragraph>{t('staff.settings.calendarHint')}</Typography.Paragraph>
      <ErrorAlert error={action.error ?? days.error} onClose={action.clear} />
      <Form form={form} name="calendar-day" layout="inline" onFinish={save} initialValues={{ kind: 'holiday' }} className="inline-form">
        <Form.Item label={t('staff.settings.date')} name="date" rules={[{ required: true, message: t('staff.common.dateRequired') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label={t('staff.settings.kind')} name="kind">
          <Select className="filter-status" options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`staff.settings.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('staff.settings.name')} name="name" rules={[{ required: true, whitespace: true, max: 40, message: t('staff.settings.dayNameRequired') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.pending === 'save'}>
          {t('staff.settings.addDay')}
        </Button>
      </Form>
      <Space wrap className="filters" role="search">
        <label className="inline-field">
          <span>{t('staff.settings.year')}</span>
          <InputNumber
            min={2000}
            max={2200}
            value={year}
            onChange={(value) => {
              if (typeof value === 'number') setYear(value);
              setPage(1);
            }}
          />
        </label>
        <Select
          aria-label={t('staff.settings.source')}
          className="filter-status"
          value={source}
          onChange={(value: '' | 'committee') => {
            setSource(value);
            setPage(1);
          }}
          options={[
            { value: '', label: t('app.all') },
            { value: 'committee', label: t('staff.settings.sources.committee') },
          ]}
        />
      </Space>
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={days.loading}
        scroll={{ x: 'max-content' }}
        dataSource={shown}
        pagination={{ current: page, pageSize: PAGE_SIZE, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('app.total', { total }) }}
        columns={[
          { title: t('staff.settings.date'), dataIndex: 'date' },
          { title: t('staff.settings.kind'), dataIndex: 'kind', render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'error' : 'processing'}>{t(`staff.settings.kinds.${k}`)}</Tag> },
          { title: t('staff.settings.name'), dataIndex: 'name' },
          { title: t('staff.settings.source'), dataIndex: 'source', render: (s: CalendarDay['source']) => t(`staff.settings.sources.${s}`) },
          {
            title: t('app.actions'),
            key: 'clear',
            render: (_: unknown, d) =>
              d.source === 'committee' ? (
                <Button size="small" loading={action.pending === `clear-${d.date}`} aria-label={`${t('staff.settings.restore')}：${d.date}`} onClick={() => void clear(d.date)}>
                  {t('staff.settings.restore')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

interface NewSession {
  name: string;
  term: number;
  meeting: number;
  year: number;
  plenaryStart: string;
  plenaryEnd: string;
}

const ruleText = (t: (key: string) => string, rule: DeadlineRule | undefined) => (rule ? `${rule.amount} ${t(`staff.settings.units.${rule.unit}`)}` : '—');

function SessionsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sessions = useLoad(() => api.get<AdminSession[]>('/admin/sessions'), []);
  const required = [{ required: true, message: t('staff.people.required') }];
  return (
    <Card className="panel">
      <Space wrap className="filters">
        <DecisionButton<NewSession>
          label={t('staff.settings.newSession')}
          title={t('staff.settings.newSession')}
          onSubmit={async (v) => {
            const created = await api.post<AdminSession>('/admin/sessions', { ...v, name: v.name.trim() });
            void message.success(t('staff.settings.sessionCreated', { name: created.name }));
            sessions.reload();
            return created;
          }}
        >
          <Form.Item label={t('staff.settings.sessionName')} name="name" extra={t('staff.settings.sessionNameHint')} rules={[{ required: true, whitespace: true, max: 100, message: t('staff.people.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item label={t('staff.settings.term')} name="term" rules={required}>
              <InputNumber min={1} max={99} />
            </Form.Item>
            <Form.Item label={t('staff.settings.meeting')} name="meeting" rules={required}>
              <InputNumber min={1} max={99} />
            </Form.Item>
            <Form.Item label={t('staff.settings.year')} name="year" rules={required}>
              <InputNumber min={1949} max={2200} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item label={t('staff.settings.plenaryStart')} name="plenaryStart" rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item label={t('staff.settings.plenaryEnd')} name="plenaryEnd" rules={required}>
              <Input type="date" />
            </Form.Item>
          </Space>
        </DecisionButton>
      </Space>
      <ErrorAlert error={sessions.error} />
      <Table<AdminSession>
        rowKey="id"
        size="small"
        loading={sessions.loading}
        scroll={{ x: 'max-content' }}
        dataSource={sessions.data ?? []}
        pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('staff.stats.session'), dataIndex: 'name' },
          { title: t('staff.settings.plenary'), key: 'plenary', render: (_: unknown, s) => `${s.plenaryStart} ~ ${s.plenaryEnd}` },
          ...DEADLINE_RULES.map((name) => ({ title: t(`staff.settings.rules.${name}`), key: name, render: (_: unknown, s: AdminSession) => ruleText(t, s.deadlineRules[name]) })),
          {
            title: t('app.actions'),
            key: 'edit',
            render: (_: unknown, s) => (
              <DecisionButton<Record<DeadlineRuleName, DeadlineRule>>
                label={t('staff.settings.editRules')}
                ariaLabel={`${t('staff.settings.editRules')}：${s.name}`}
                title={t('staff.settings.rulesTitle', { name: s.name })}
                initialValues={s.deadlineRules}
                onSubmit={async (rules) => {
                  const done = await api.patch(`/admin/sessions/${s.id}`, { version: s.version, deadlineRules: rules });
                  void message.success(t('staff.settings.rulesSaved'));
                  sessions.reload();
                  return done;
                }}
              >
                {DEADLINE_RULES.map((name) => (
                  <fieldset key={name} className="rule-fieldset">
                    <legend>{t(`staff.settings.rules.${name}`)}</legend>
                    <Space wrap>
                      <Form.Item label={t('staff.settings.amount')} name={[name, 'amount']} rules={[{ required: true, type: 'integer', min: 1, max: 365, message: '1–365' }]}>
                        <InputNumber min={1} max={365} />
                      </Form.Item>
                      <Form.Item label={t('staff.settings.kind')} name={[name, 'unit']} rules={[{ required: true }]}>
                        <Select className="filter-status" options={UNITS.map((u) => ({ value: u, label: t(`staff.settings.units.${u}`) }))} />
                      </Form.Item>
                    </Space>
                  </fieldset>
                ))}
              </DecisionButton>
            ),
          },
        ]}
      />
    </Card>
  );
}

function CodeTablesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [table, setTable] = useState<CodeTableName>('not-filed-reason');
  const codes = useLoad(() => api.get<Code[]>(`/code-tables/${table}`), [table]);
  const action = useAction();
  const [form] = Form.useForm<{ entries: Code[] }>();
  useEffect(() => {
    if (codes.data) form.setFieldsValue({ entries: codes.data });
  }, [codes.data, form]);
  const save = async ({ entries }: { entries: Code[] }) => {
    const done = await action.run('save', () => api.put<Code[]>(`/admin/code-tables/${table}`, { entries: entries.map((e) => ({ code: e.code.trim(), label: e.label.trim() })) }));
    if (!done) return;
    void message.success(t('staff.settings.tableSaved'));
    codes.reload();
  };
  return (
    <Card className="panel">
      <Space wrap className="filters">
        <Select aria-label={t('staff.settings.table')} className="filter-session" value={table} onChange={(value: CodeTableName) => setTable(value)} options={TABLES.map((n) => ({ value: n, label: t(`staff.settings.tables.${n}`) }))} />
      </Space>
      <ErrorAlert error={action.error ?? codes.error} onClose={action.clear} />
      <Form form={form} name="code-table" onFinish={save} layout="vertical">
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} wrap align="start" className="code-entry">
                  <Form.Item label={`${t('staff.settings.code')} ${index + 1}`} name={[field.name, 'code']} rules={[{ required: true, pattern: /^[\p{L}\p{N}_-]+$/u, max: 40, message: t('staff.settings.codeRequired') }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item label={`${t('staff.settings.label')} ${index + 1}`} name={[field.name, 'label']} rules={[{ required: true, whitespace: true, max: 200, message: t('staff.settings.labelRequired') }]}>
                    <Input maxLength={200} className="code-label" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={`${t('staff.common.remove')} ${index + 1}`} onClick={() => remove(field.name)} className="code-remove" />
                </Space>
              ))}
              <Space wrap className="actions">
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: '' })}>
                  {t('staff.settings.addEntry')}
                </Button>
                <Button type="primary" htmlType="submit" loading={action.pending === 'save'}>
                  {t('staff.settings.saveTable')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
