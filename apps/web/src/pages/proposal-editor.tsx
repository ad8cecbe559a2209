import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, List, Row, Select, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Attachment, Code, Proposal, Session, SimilarProposal, Unit } from '../api/types';
import { ErrorAlert, useAction, useLoad } from '../ui/common';
import { AttachmentList } from '../ui/attachment-list';

interface FormValues {
  sessionId: string;
  title: string;
  category?: string;
  body: string;
  suggestedUnitIds?: string[];
}

/** While the member types: proposals of this and earlier sessions on the same matter (debounced; the last answer stays meanwhile). */
function useSimilar(sessionId: string | undefined, title: string | undefined, body: string | undefined): SimilarProposal[] | null {
  const text = (title ?? '').trim();
  const query = sessionId && text.length >= 2 ? JSON.stringify({ sessionId, title: text.slice(0, 200), body: (body ?? '').slice(0, 50_000) }) : null;
  const [found, setFound] = useState<SimilarProposal[] | null>(null);
  useEffect(() => {
    if (!query) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api
        .post<SimilarProposal[]>('/proposals/similar', { ...(JSON.parse(query) as object), limit: 5 })
        .then((list) => current && setFound(list))
        .catch(() => undefined);
    }, 600);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query]);
  return query ? found : null;
}

export function SimilarList({ items, emptyText }: { items: SimilarProposal[]; emptyText: string }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText }}
      renderItem={(item) => (
        <List.Item>
          <List.Item.Meta
            title={<Link to={`/proposals/${item.id}`}>{item.title}</Link>}
            description={`${item.sessionName}${item.number ? ` · ${t('proposal.numberValue', { number: item.number })}` : ''} · ${t('editor.similarity', { percent: Math.round(item.similarity * 100) })}`}
          />
        </List.Item>
      )}
    />
  );
}

/** Write or edit a draft, see similar proposals while writing, attach files, submit. */
export function ProposalEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id: routeId } = useParams();
  const [form] = Form.useForm<FormValues>();
  const [saved, setSaved] = useState<Proposal | null>(null);
  const action = useAction();

  const options = useLoad(
    () =>
      Promise.all([
        api.get<Session[]>('/sessions'),
        api.get<Code[]>('/code-tables/category'),
        api.get<Unit[]>('/units', { kind: 'handling' }),
        routeId ? api.get<Proposal>(`/proposals/${routeId}`) : Promise.resolve(null),
      ]),
    [routeId],
  );
  const proposal = saved ?? options.data?.[3] ?? null;
  const id = proposal?.id ?? routeId;
  const attachments = useLoad(() => (id ? api.get<Attachment[]>(`/proposals/${id}/attachments`) : Promise.resolve([])), [id]);

  useEffect(() => {
    if (!options.data) return;
    const [sessions, , , loaded] = options.data;
    if (loaded) {
      form.setFieldsValue({
        sessionId: loaded.sessionId,
        title: loaded.title,
        category: loaded.category ?? undefined,
        body: loaded.body,
        suggestedUnitIds: loaded.suggestedUnitIds,
      });
    } else if (sessions.length > 0 && !form.getFieldValue('sessionId')) {
      const latest = [...sessions].sort((a, b) => b.plenaryStart.localeCompare(a.plenaryStart))[0];
      form.setFieldValue('sessionId', latest.id);
    }
  }, [options.data, form]);

  const sessionId = Form.useWatch('sessionId', form);
  const title = Form.useWatch('title', form);
  const body = Form.useWatch('body', form);
  const similar = useSimilar(sessionId, title, body);

  const save = async (): Promise<Proposal | undefined> => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return undefined;
    const content = { title: values.title.trim(), category: values.category, body: values.body, suggestedUnitIds: values.suggestedUnitIds ?? [] };
    const next = proposal
      ? await api.patch<Proposal>(`/proposals/${proposal.id}`, { version: proposal.version, ...content })
      : await api.post<Proposal>('/proposals', { sessionId: values.sessionId, ...content });
    setSaved(next);
    if (!routeId) navigate(`/proposals/${next.id}/edit`, { replace: true });
    return next;
  };

  const onSave = async () => {
    const saved = await action.run('save', save);
    if (saved) void message.success(t('editor.saved'));
  };

  const onSubmit = async () => {
    const submitted = await action.run('submit', async () => {
      const saved = await save();
      return saved ? api.post<Proposal>(`/proposals/${saved.id}/submit`, { version: saved.version }) : undefined;
    });
    if (submitted) {
      void message.success(t('editor.submitted'));
      navigate(`/proposals/${submitted.id}`);
    }
  };

  const upload = async (file: File) => {
    if (!id) return;
    const added = await action.run('upload', () => api.upload<Attachment>(`/proposals/${id}/attachments`, 'file', file));
    if (added) {
      void message.success(t('editor.uploaded', { name: added.fileName }));
      attachments.reload();
    }
  };

  const [sessions, categories, units] = options.data ?? [[], [], [], null];
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title">
        {routeId ? t('editor.editTitle') : t('editor.newTitle')}
      </Typography.Title>
      <ErrorAlert error={options.error ?? action.error} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={16}>
          <Card>
            <Form form={form} layout="vertical" disabled={options.loading}>
              <Form.Item label={t('proposal.session')} name="sessionId" rules={[{ required: true, message: t('editor.sessionRequired') }]}>
                <Select disabled={!!proposal} options={sessions.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
              <Form.Item label={t('proposal.title')} name="title" rules={[{ required: true, min: 4, max: 200, whitespace: true, message: t('editor.titleRule') }]}>
                <Input placeholder={t('editor.titlePlaceholder')} maxLength={200} showCount />
              </Form.Item>
              <Form.Item label={t('proposal.category')} name="category">
                <Select allowClear options={categories.map((c) => ({ value: c.code, label: c.label }))} />
              </Form.Item>
              <Form.Item label={t('proposal.body')} name="body" rules={[{ required: true, min: 10, message: t('editor.bodyRule') }]}>
                <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} placeholder={t('editor.bodyPlaceholder')} />
              </Form.Item>
              <Form.Item label={t('proposal.suggestedUnits')} name="suggestedUnitIds">
                <Select mode="multiple" allowClear optionFilterProp="label" options={units.filter((u) => !u.parentId).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            </Form>
            <Space wrap>
              <Button onClick={onSave} loading={action.pending === 'save'}>
                {t('editor.saveDraft')}
              </Button>
              <Button type="primary" onClick={onSubmit} loading={action.pending === 'submit'}>
                {t('editor.submit')}
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={<h2 className="card-title">{t('editor.similarTitle')}</h2>} className="side-card">
            {similar === null ? <Typography.Paragraph type="secondary">{t('editor.similarHint')}</Typography.Paragraph> : <SimilarList items={similar} emptyText={t('editor.similarNone')} />}
          </Card>
          <Card title={<h2 className="card-title">{t('proposal.attachments')}</h2>} className="side-card">
            {!id ? (
              <Typography.Paragraph type="secondary">{t('editor.attachmentsHint')}</Typography.Paragraph>
            ) : (
              <>
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={action.pending === 'upload'}>
                    {t('editor.upload')}
                  </Button>
                </Upload>
                <AttachmentList attachments={attachments.data ?? []} loading={attachments.loading} editable onRemoved={attachments.reload} />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </section>
  );
}
