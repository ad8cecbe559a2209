import { App, Alert, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Reply } from '../api/types';
import type { ReviewDecision, ReviewEntry, ReviewerCandidate } from '../api/reply-types';
import { ErrorAlert, formatTime, useAction, useLoad } from '../ui/common';
import { useSession } from '../session';

const DECISION_COLORS: Record<ReviewDecision, string> = { pending: 'processing', approved: 'success', returned: 'warning' };

/**
 * 内部审核 on a reply of my unit: the drafter names reviewers (drafters and leaders of the unit) and sends
 * the saved version; each reviewer of the current round approves or sends it back with a reason; everyone
 * who works on it sees every round and each reviewer's decision.
 */
export function InternalReviewPanel({ reply, onChange }: { reply: Reply; onChange: (reply: Reply) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const rounds = useLoad(() => api.get<ReviewEntry[]>(`/replies/${reply.id}/reviews`), [reply.id, reply.version]);
  const entries = rounds.data ?? [];
  const current = entries.reduce((max, e) => Math.max(max, e.round), 0);
  const mine = entries.find((e) => e.round === current && e.reviewerUserId === session.me.id && e.decision === 'pending');
  const maySend = reply.status === 'drafting' && session.has('drafter');
  if (!maySend && entries.length === 0 && !rounds.error) return null;
  return (
    <Card className="panel" title={<h2 className="card-title">{t('internalReview.title')}</h2>}>
      <ErrorAlert error={rounds.error} />
      {reply.status === 'in_review' && mine && <ReviewDecisionForm reply={reply} onChange={onChange} />}
      <ReviewRounds entries={entries} />
      {maySend && <SendForReviewForm reply={reply} onChange={onChange} />}
    </Card>
  );
}

function ReviewRounds({ entries }: { entries: ReviewEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Typography.Paragraph type="secondary">{t('internalReview.none')}</Typography.Paragraph>;
  const rounds = [...new Set(entries.map((e) => e.round))].sort((a, b) => b - a);
  return (
    <>
      {rounds.map((round) => (
        <section key={round} aria-label={t('internalReview.round', { round })}>
          <h3 className="subsection-title">{t('internalReview.round', { round })}</h3>
          <List
            size="small"
            dataSource={entries.filter((e) => e.round === round)}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <span>{e.reviewerName}</span>
                  <Tag color={DECISION_COLORS[e.decision]}>{t(`internalReview.decisions.${e.decision}`)}</Tag>
                  {e.note && <span>{e.note}</span>}
                  {e.decidedAt && <Typography.Text type="secondary">{t('internalReview.decidedAt', { time: formatTime(e.decidedAt) })}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </section>
      ))}
    </>
  );
}

function SendForReviewForm({ reply, onChange }: { reply: Reply; onChange: (reply: Reply) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const candidates = useLoad(() => api.get<ReviewerCandidate[]>(`/replies/${reply.id}/reviewer-candidates`), [reply.id]);
  const send = async (values: { reviewerUserIds: string[] }) => {
    const sent = await action.run('send', () => api.post<Reply>(`/replies/${reply.id}/send-for-review`, { version: reply.version, reviewerUserIds: values.reviewerUserIds }));
    if (sent) {
      void message.success(t('internalReview.sent'));
      onChange(sent);
    }
  };
  const options = (candidates.data ?? []).map((c) => ({ value: c.userId, label: `${c.displayName}（${c.roles.map((role) => t(`roles.${role}`)).join('、')}）` }));
  return (
    <Form layout="vertical" onFinish={send} className="panel">
      <Typography.Paragraph>{t('internalReview.intro')}</Typography.Paragraph>
      <ErrorAlert error={candidates.error ?? action.error} onClose={action.clear} />
      <Form.Item
        label={t('internalReview.reviewers')}
        name="reviewerUserIds"
        rules={[{ required: true, message: t('internalReview.reviewersRequired') }]}
        extra={candidates.data && options.length === 0 ? t('internalReview.noCandidates') : t('internalReview.saveFirst')}
      >
        <Select mode="multiple" options={options} loading={candidates.loading} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Button htmlType="submit" loading={action.pending === 'send'} disabled={options.length === 0}>
        {t('internalReview.send')}
      </Button>
    </Form>
  );
}

function ReviewDecisionForm({ reply, onChange }: { reply: Reply; onChange: (reply: Reply) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const opener = useRef<HTMLButtonElement>(null);

  const decide = async (approve: boolean) => {
    const next = await action.run(approve ? 'approve' : 'return', () =>
      api.post<Reply>(`/replies/${reply.id}/review`, approve ? { approve } : { approve, note: reason.trim() }),
    );
    if (next) {
      setReturning(false);
      void message.success(approve ? t(next.status === 'in_review' ? 'internalReview.approved' : 'internalReview.approvedLast') : t('internalReview.sentBack'));
      onChange(next);
    }
  };
  return (
    <div className="panel">
      <Alert type="info" showIcon title={t('internalReview.waitingForYou')} className="page-alert" />
      <ErrorAlert error={action.error} onClose={action.clear} />
      <Space wrap>
        <Button type="primary" loading={action.pending === 'approve'} onClick={() => void decide(true)}>
          {t('internalReview.approve')}
        </Button>
        <Button danger ref={opener} onClick={() => setReturning(true)}>
          {t('internalReview.sendBack')}
        </Button>
      </Space>
      <Modal
        open={returning}
        title={t('internalReview.sendBack')}
        okText={t('internalReview.sendBack')}
        cancelText={t('app.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: action.pending === 'return' }}
        onOk={() => void decide(false)}
        onCancel={() => setReturning(false)}
        afterOpenChange={(open) => {
          if (!open) opener.current?.focus();
        }}
        destroyOnHidden
      >
        <label htmlFor="review-return-reason" className="field-label">
          {t('internalReview.sendBackReason')}
        </label>
        <Input.TextArea
          id="review-return-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={1000}
          aria-describedby="review-return-rule"
        />
        <Typography.Text type="secondary" id="review-return-rule">
          {t('internalReview.sendBackRule')}
        </Typography.Text>
      </Modal>
    </div>
  );
}
