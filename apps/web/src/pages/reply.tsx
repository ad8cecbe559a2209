import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Row, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { Disclosure, Grade, Reply, ReplyContact, ReplyDiff, Unit } from '../api/types';
import { ErrorAlert, formatTime, ReplyStatusTag, useAction, useLoad } from '../ui/common';
import { PdfButton, ReplyDocumentView } from '../ui/reply-document';
import { DocxButton } from '../ui/docx-button';
import { useSession } from '../session';
import { DiffLines, ReplyVersionsPanel } from './reply-versions-panel';
import { InternalReviewPanel } from './reply-review-panel';

interface DraftValues {
  grade?: string;
  body: string;
  contactUnitId?: string;
  contacts: ReplyContact[];
}

/**
 * One reply through its chain: the drafter writes it (template opening and section headings already in),
 * saves versions and sends it to sign-off; the leader reads what changed, signs it off with a disclosure
 * or sends it back with a reason; the drafter then sends it. Everyone else reads the document.
 */
export function ReplyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const { message } = App.useApp();
  const action = useAction();
  const [updated, setReply] = useState<Reply | null>(null);
  const loaded = useLoad(() => api.get<Reply>(`/replies/${id}`), [id]);
  const reply = updated?.id === id ? updated : (loaded.data ?? null);

  if (!reply) {
    return (
      <section aria-labelledby="page-title">
        <Typography.Title level={1} id="page-title">
          {t('app.loading')}
        </Typography.Title>
        <ErrorAlert error={loaded.error} />
      </section>
    );
  }
  const mayDraft = reply.status === 'drafting' && session.has('drafter');
  const maySign = reply.status === 'awaiting_signoff' && session.has('leader');
  const mayDispatch = reply.status === 'signed' && (session.has('drafter') || session.has('leader'));
  // Versions and remarks are the issuing unit's and the committee's (the API shows them to no one else).
  const worksOnIt = session.has('staff') || session.units.some((u) => u.unitId === reply.unitId && (u.role === 'drafter' || u.role === 'leader'));

  const dispatch = async () => {
    const sent = await action.run('dispatch', () => api.post<Reply>(`/replies/${reply.id}/dispatch`, { version: reply.version }));
    if (sent) {
      setReply(sent);
      void message.success(t('reply.dispatched'));
    }
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {reply.document.title}
        </Typography.Title>
        <ReplyStatusTag status={reply.status} />
      </div>
      <ErrorAlert error={action.error} onClose={action.clear} />
      <Card>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('reply.issuingUnit')}>{reply.document.issuingUnit}</Descriptions.Item>
          <Descriptions.Item label={t('reply.docNumber')}>{reply.document.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reply.signer')}>{reply.document.signer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reply.disclosure')}>{reply.disclosure ? t(`reply.disclosures.${reply.disclosure}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reply.dispatchedAt')}>{formatTime(reply.dispatchedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('reply.title')}>{t('reply.versions', { count: reply.versionCount })}</Descriptions.Item>
        </Descriptions>
        <Space wrap className="actions">
          <Link to={`/proposals/${reply.proposalId}`}>{t('assignment.proposalText')}</Link>
          <PdfButton reply={reply} />
          <DocxButton reply={reply} />
          {mayDispatch && (
            <Button type="primary" loading={action.pending === 'dispatch'} onClick={() => void dispatch()}>
              {t('reply.dispatch')}
            </Button>
          )}
        </Space>
      </Card>
      {mayDraft ? (
        <DraftEditor reply={reply} onChange={setReply} />
      ) : (
        <Row gutter={[24, 24]} className="panel">
          {maySign && (
            <Col xs={24} lg={10}>
              <SignOffPanel reply={reply} onChange={setReply} />
            </Col>
          )}
          <Col xs={24} lg={maySign ? 14 : 24}>
            <Card>
              <ReplyDocumentView document={reply.document} />
            </Card>
          </Col>
        </Row>
      )}
      {(worksOnIt || (reply.status === 'in_review' && (session.has('drafter') || session.has('leader')))) && <InternalReviewPanel reply={reply} onChange={setReply} />}
      {worksOnIt && <ReplyVersionsPanel reply={reply} />}
    </section>
  );
}

function DraftEditor({ reply, onChange }: { reply: Reply; onChange: (reply: Reply) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<DraftValues>();
  const options = useLoad(() => Promise.all([api.get<Grade[]>('/replies/grades'), api.get<Unit[]>('/units')]), []);
  const [grades, units] = options.data ?? [[], []];
  const contactUnits = units.filter((u) => u.id === reply.unitId || u.parentId === reply.unitId);
  const body = Form.useWatch('body', form);
  // Saving unchanged fields would add a version with nothing in it; submitting saves only what changed.
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    form.setFieldsValue({
      grade: reply.grade ?? undefined,
      body: reply.document.body,
      contactUnitId: reply.contactUnitId ?? undefined,
      contacts: reply.contacts.length > 0 ? reply.contacts : [{ name: '', phone: '' }],
    });
    // Only when another reply is opened: saving must not reset what the drafter sees.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reply.id, form]);

  const save = async (): Promise<Reply | undefined> => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return undefined;
    const contacts = (values.contacts ?? []).filter((c) => c.name?.trim() || c.phone?.trim()).map((c) => ({ name: c.name.trim(), phone: c.phone.trim() }));
    const saved = await api.put<Reply>(`/replies/${reply.id}`, {
      version: reply.version,
      body: values.body,
      grade: values.grade,
      contactUnitId: values.contactUnitId,
      contacts,
    });
    onChange(saved);
    setDirty(false);
    return saved;
  };

  const onSave = async () => {
    const saved = await action.run('save', save);
    if (saved) void message.success(t('reply.saved', { count: saved.versionCount }));
  };
  const onSubmit = async () => {
    const submitted = await action.run('submit', async () => {
      const saved = dirty ? await save() : reply;
      return saved ? api.post<Reply>(`/replies/${saved.id}/submit`, { version: saved.version }) : undefined;
    });
    if (submitted) {
      onChange(submitted);
      void message.success(t('reply.submitted'));
    }
  };

  return (
    <Row gutter={[24, 24]} className="panel">
      <Col xs={24} lg={12}>
        <Card title={<h2 className="card-title">{t('reply.title')}</h2>}>
          {reply.returnReason && <Alert type="warning" showIcon title={t('reply.returned', { reason: reply.returnReason })} className="page-alert" />}
          <ErrorAlert error={options.error ?? action.error} />
          <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
            <Form.Item label={t('reply.grade')} name="grade" rules={[{ required: true, message: t('reply.gradeRequired') }]}>
              <Select options={grades.map((g) => ({ value: g.code, label: `${g.code}：${g.meaning}` }))} />
            </Form.Item>
            <Form.Item label={t('reply.body')} name="body" extra={t('reply.bodyHint')}>
              <Input.TextArea autoSize={{ minRows: 14, maxRows: 40 }} />
            </Form.Item>
            <Form.Item label={t('reply.contactUnit')} name="contactUnitId">
              <Select allowClear options={contactUnits.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <fieldset className="contacts">
              <legend>{t('reply.contacts')}</legend>
              <Form.List name="contacts">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Space key={field.key} align="baseline" wrap>
                        <Form.Item name={[field.name, 'name']} label={`${t('reply.contactName')} ${index + 1}`}>
                          <Input maxLength={40} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'phone']} label={`${t('reply.contactPhone')} ${index + 1}`}>
                          <Input maxLength={40} inputMode="tel" />
                        </Form.Item>
                        <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('reply.removeContact', { index: index + 1 })} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>
                      {t('reply.addContact')}
                    </Button>
                  </>
                )}
              </Form.List>
            </fieldset>
          </Form>
          <Space wrap className="actions">
            <Button onClick={() => void onSave()} loading={action.pending === 'save'}>
              {t('reply.save')}
            </Button>
            <Button type="primary" onClick={() => void onSubmit()} loading={action.pending === 'submit'}>
              {t('reply.submit')}
            </Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card>
          <ReplyDocumentView document={reply.document} body={body} />
        </Card>
      </Col>
    </Row>
  );
}

function DiffView({ reply }: { reply: Reply }) {
  const { t } = useTranslation();
  const from = reply.versionCount - 1;
  const diff = useLoad(
    () => (from >= 1 ? api.get<ReplyDiff>(`/replies/${reply.id}/diff`, { from, to: reply.versionCount }) : Promise.resolve(null)),
    [reply.id, reply.versionCount],
  );
  if (from < 1) return null;
  if (!diff.data) return diff.error ? <ErrorAlert error={diff.error} /> : <Spin />;
  return (
    <section className="diff" aria-label={t('reply.diffTitle', { from, to: reply.versionCount })}>
      <h3 className="subsection-title">{t('reply.diffTitle', { from, to: reply.versionCount })}</h3>
      <DiffLines diff={diff.data} />
    </section>
  );
}

function SignOffPanel({ reply, onChange }: { reply: Reply; onChange: (reply: Reply) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<{ disclosure: Disclosure; disclosureNote?: string }>();
  const disclosure = Form.useWatch('disclosure', form);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');

  const signOff = async (values: { disclosure: Disclosure; disclosureNote?: string }) => {
    const signed = await action.run('sign-off', () =>
      api.post<Reply>(`/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: values.disclosure, disclosureNote: values.disclosureNote?.trim() || undefined }),
    );
    if (signed) {
      onChange(signed);
      void message.success(t('reply.signed', { docNumber: signed.document.docNumber }));
    }
  };
  const sendBack = async () => {
    const back = await action.run('return', () => api.post<Reply>(`/replies/${reply.id}/return`, { version: reply.version, reason: reason.trim() }));
    if (back) {
      setReturning(false);
      onChange(back);
      void message.success(t('reply.sentBack'));
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('reply.signOff')}</h2>}>
      <ErrorAlert error={action.error} onClose={action.clear} />
      <DiffView reply={reply} />
      <Form form={form} layout="vertical" onFinish={signOff} initialValues={{ disclosure: 'full' }} className="panel">
        <Form.Item label={t('reply.disclosure')} name="disclosure">
          <Radio.Group options={(['full', 'summary', 'none'] as const).map((d) => ({ value: d, label: t(`reply.disclosures.${d}`) }))} />
        </Form.Item>
        {disclosure && disclosure !== 'full' && (
          <Form.Item label={t('reply.disclosureNote')} name="disclosureNote" rules={[{ required: true, whitespace: true, message: t('errors.DISCLOSURE_NOTE_REQUIRED') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        )}
        {action.pending === 'sign-off' && <Alert type="info" showIcon title={t('reply.signing')} className="page-alert" />}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={action.pending === 'sign-off'}>
            {t('reply.signOff')}
          </Button>
          <Button danger onClick={() => setReturning(true)}>
            {t('reply.sendBack')}
          </Button>
        </Space>
      </Form>
      <Modal
        open={returning}
        title={t('reply.sendBack')}
        okText={t('reply.sendBack')}
        cancelText={t('app.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: action.pending === 'return' }}
        onOk={() => void sendBack()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <label htmlFor="return-reason" className="field-label">
          {t('reply.sendBackReason')}
        </label>
        <Input.TextArea id="return-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} aria-describedby="return-reason-rule" />
        <Typography.Text type="secondary" id="return-reason-rule">
          {t('reply.sendBackReasonRule')}
        </Typography.Text>
      </Modal>
    </Card>
  );
}
