import { App, Button, Card, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Consultation, ConsultationOutcome } from '../api/staff-types';
import type { Assignment, Feedback, Proposal } from '../api/types';
import { ErrorAlert, useAction, useLoad } from '../ui/common';

const OUTCOMES: ConsultationOutcome[] = ['agreed', 'explained', 'disagreed'];
/** After this many rounds a remaining 不满意 goes to 当面协商 rather than another re-handling (the API's rule). */
const HANDLING_ROUNDS = 2;

interface Props {
  proposal: Proposal;
  feedback: Feedback[];
  assignments: Assignment[];
  onDone: () => void;
}

/** A small form in its own card: the fields, one submit button, the API's refusal above them. */
function ActionCard({ name, title, hint, submit, pending, error, onClear, onFinish, children }: {
  name: string;
  title: string;
  hint?: string;
  submit: string;
  pending: boolean;
  error: unknown;
  onClear: () => void;
  onFinish: (values: Record<string, string>) => void;
  children: ReactNode;
}) {
  return (
    <Card className="panel" title={<h2 className="card-title">{title}</h2>}>
      {hint && <Typography.Paragraph>{hint}</Typography.Paragraph>}
      <ErrorAlert error={error} onClose={onClear} />
      <Form name={name} layout="vertical" onFinish={onFinish}>
        {children}
        <Button type="primary" htmlType="submit" loading={pending}>
          {submit}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * What the committee may do once a proposal is answered, shown when it applies: 重新办理 after a 不满意
 * on the first round; 当面协商 after a 不满意 on the re-handled reply; extending the feedback window while
 * a proposer has not answered; reopening a closed proposal. The API checks each again and says why not.
 */
export function AfterReplyPanel({ proposal, feedback, assignments, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const consultations = useLoad(() => api.get<Consultation[]>(`/proposals/${proposal.id}/consultations`), [proposal.id, proposal.version]);
  const replied = proposal.status === 'replied';
  const dissatisfied = feedback.some((f) => f.satisfaction === 'dissatisfied');
  const round = Math.max(1, ...assignments.map((a) => a.round));
  const waiting = new Set(feedback.map((f) => f.proposerUserId));
  const someoneSilent = proposal.proposers.some((p) => !waiting.has(p.userId));
  const required = [{ required: true, whitespace: true, min: 2, message: t('staff.after.fieldRequired') }];
  const dateRequired = [{ required: true, message: t('staff.common.dateRequired') }];

  const [last, setLast] = useState<string | null>(null);
  const post = async (name: string, path: string, body: object, done: string) => {
    setLast(name);
    const result = await action.run(name, () => api.post<unknown>(`/proposals/${proposal.id}/${path}`, body));
    if (result === undefined) return;
    void message.success(done);
    consultations.reload();
    onDone();
  };
  const card = (name: string) => ({ pending: action.pending === name, error: last === name ? action.error : null, onClear: action.clear });

  return (
    <>
      {replied && dissatisfied && round < HANDLING_ROUNDS && (
        <ActionCard
          title={t('staff.after.rehandling')}
          hint={t('staff.after.rehandlingHint')}
          submit={t('staff.after.rehandling')}
          name="rehandling"
          {...card('rehandling')}
          onFinish={(v) => void post('rehandling', 'rehandling', { version: proposal.version, reason: v.reason.trim(), dueDate: v.dueDate || undefined }, t('staff.after.rehandlingDone'))}
        >
          <Form.Item label={t('staff.common.reason')} name="reason" rules={required}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
          <Form.Item label={t('staff.after.dueDate')} name="dueDate">
            <Input type="date" />
          </Form.Item>
        </ActionCard>
      )}
      {replied && dissatisfied && round >= HANDLING_ROUNDS && (
        <ActionCard
          title={t('staff.after.consultation')}
          hint={t('staff.after.consultationHint')}
          submit={t('staff.after.consultation')}
          name="consultation"
          {...card('consultation')}
          onFinish={(v) =>
            void post(
              'consultation',
              'consultations',
              { heldOn: v.heldOn, place: v.place.trim(), participants: v.participants.trim(), outcome: v.outcome, summary: v.summary.trim() },
              t('staff.after.consultationDone'),
            )
          }
        >
          <Form.Item label={t('staff.after.heldOn')} name="heldOn" rules={dateRequired}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('staff.after.place')} name="place" rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('staff.after.participants')} name="participants" rules={required}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item label={t('staff.after.outcome')} name="outcome" rules={[{ required: true, message: t('staff.after.fieldRequired') }]}>
            <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`staff.after.outcomes.${o}`) }))} />
          </Form.Item>
          <Form.Item label={t('staff.after.summary')} name="summary" rules={required}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
          </Form.Item>
        </ActionCard>
      )}
      {replied && someoneSilent && (
        <ActionCard
          title={t('staff.after.feedbackWindow')}
          submit={t('staff.after.feedbackWindow')}
          name="feedback-window"
          {...card('window')}
          onFinish={(v) => void post('window', 'feedback-window', { until: v.until, reason: v.reason.trim() }, t('staff.after.feedbackWindowDone', { date: v.until }))}
        >
          <Form.Item label={t('staff.after.until')} name="until" rules={dateRequired}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('staff.common.reason')} name="reason" rules={required}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </ActionCard>
      )}
      {proposal.status === 'closed' && (
        <ActionCard
          title={t('staff.after.reopen')}
          hint={t('staff.after.reopenHint')}
          submit={t('staff.after.reopen')}
          name="reopen"
          {...card('reopen')}
          onFinish={(v) => void post('reopen', 'reopen', { version: proposal.version, reason: v.reason.trim() }, t('staff.after.reopened'))}
        >
          <Form.Item label={t('staff.common.reason')} name="reason" rules={required}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </ActionCard>
      )}
      {(consultations.data?.length ?? 0) > 0 && (
        <Card className="panel" title={<h2 className="card-title">{t('staff.after.consultations')}</h2>}>
          <List
            size="small"
            dataSource={consultations.data ?? []}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Tag>{c.outcomeLabel}</Tag>
                  <span>
                    {c.heldOn} · {c.place} · {c.unitName}
                  </span>
                  <span>{c.summary}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
