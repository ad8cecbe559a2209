import { App, Button, Card, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ContactMethod, Feedback, Proposal, Reply, Satisfaction } from '../api/types';
import { ErrorAlert, formatTime, useAction } from '../ui/common';
import { DocxButton } from '../ui/docx-button';
import { PdfButton, ReplyDocumentView } from '../ui/reply-document';
import { useSession } from '../session';

const LEVELS: Satisfaction[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
const METHODS: ContactMethod[] = ['face_to_face', 'phone', 'letter', 'other'];

/** Feedback as the API gives it: with the answer it rates. */
type RatedFeedback = Feedback & { replyId: string };

/**
 * Every answer sent to the proposers (答复, each 分办答复, the answer after 重新办理), oldest first, with
 * its signed PDF and DOCX; for a proposer, whether each is rated, which one the feedback form below is
 * for (the oldest current unrated one, named in the form and sent as `replyId`), and which no longer
 * count because the unit handled it again.
 */
export function ProposalAnswers({ proposal, replies, feedback, onChange }: { proposal: Proposal; replies: Reply[]; feedback: Feedback[]; onChange: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const isStaff = session.has('staff');
  const isProposer = proposal.proposers.some((p) => p.userId === session.me.id);
  const answers = replies.filter((r) => r.status === 'dispatched' && r.kind !== 'co_opinion').sort((a, b) => (a.dispatchedAt ?? '').localeCompare(b.dispatchedAt ?? ''));
  // The latest round of each assignment is the one rated; an earlier answer was superseded by 重新办理.
  const latestRound = new Map<string, number>();
  for (const a of answers) latestRound.set(a.assignmentId, Math.max(latestRound.get(a.assignmentId) ?? 0, a.round));
  const current = (r: Reply) => latestRound.get(r.assignmentId) === r.round;
  const rated = feedback as RatedFeedback[];
  const mine = new Map(rated.filter((f) => f.proposerUserId === session.me.id).map((f) => [f.replyId, f]));
  const waiting = proposal.status === 'replied' && isProposer ? answers.filter((r) => current(r) && !mine.has(r.id)) : [];
  const next = waiting[0];
  const unitOf = new Map(answers.map((r) => [r.id, r.document.issuingUnit]));

  return (
    <>
      {answers.map((reply) => {
        const myRating = mine.get(reply.id);
        return (
          <Card
            key={reply.id}
            className="panel"
            title={<h2 className="card-title">{t('answers.title', { unit: reply.document.issuingUnit })}</h2>}
            extra={
              <Space wrap>
                <PdfButton reply={reply} />
                <DocxButton reply={reply} />
              </Space>
            }
          >
            <Space wrap className="answer-state">
              {reply.round > 1 && <Tag color="blue">{t('answers.rehandled')}</Tag>}
              {isProposer && myRating && <Tag color={myRating.satisfaction === 'dissatisfied' ? 'error' : 'success'}>{t('answers.rated', { level: t(`feedback.levels.${myRating.satisfaction}`) })}</Tag>}
              {isProposer && !myRating && !current(reply) && <Typography.Text type="secondary">{t('answers.superseded')}</Typography.Text>}
              {!myRating && waiting.includes(reply) && <Tag color="processing">{t('answers.waiting')}</Tag>}
              {reply === next && <Typography.Text strong>{t('answers.next')}</Typography.Text>}
            </Space>
            <ReplyDocumentView document={reply.document} />
          </Card>
        );
      })}
      {next && <FeedbackForm proposalId={proposal.id} answer={next} more={waiting.length - 1} onDone={onChange} />}
      {(mine.size > 0 || (isStaff && ['replied', 'closed'].includes(proposal.status))) && (
        <FeedbackList feedback={isStaff ? rated : [...mine.values()]} unitOf={unitOf} />
      )}
    </>
  );
}

interface FeedbackValues {
  satisfaction: Satisfaction;
  attitudeSatisfaction: Satisfaction;
  contacted: boolean;
  contactMethod?: ContactMethod;
  answered: boolean;
  comments?: string;
}

function FeedbackForm({ proposalId, answer, more, onDone }: { proposalId: string; answer: Reply; more: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<FeedbackValues>();
  const contacted = Form.useWatch('contacted', form);
  const submit = async (values: FeedbackValues) => {
    const given = await action.run('feedback', () =>
      api.post<Feedback>(`/proposals/${proposalId}/feedback`, {
        ...values,
        contactMethod: values.contacted ? values.contactMethod : undefined,
        comments: values.comments?.trim() || undefined,
        replyId: answer.id,
      }),
    );
    if (given) {
      void message.success(t('feedback.submitted'));
      form.resetFields();
      onDone();
    }
  };
  const levels = LEVELS.map((level) => ({ value: level, label: t(`feedback.levels.${level}`) }));
  const yesNo = [
    { value: true, label: t('app.yes') },
    { value: false, label: t('app.no') },
  ];
  const number = answer.document.docNumber ? `（${answer.document.docNumber}）` : '';
  return (
    <Card className="panel" title={<h2 className="card-title">{t('feedback.title')}</h2>}>
      <Typography.Paragraph strong>{t('answers.formFor', { unit: answer.document.issuingUnit, number })}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('feedback.intro')}
        {more > 0 && ` ${t('answers.moreAfter', { count: more })}`}
      </Typography.Paragraph>
      <ErrorAlert error={action.error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('feedback.satisfaction')} name="satisfaction" rules={[{ required: true, message: t('feedback.required') }]}>
          <Radio.Group options={levels} />
        </Form.Item>
        <Form.Item label={t('feedback.attitude')} name="attitudeSatisfaction" rules={[{ required: true, message: t('feedback.required') }]}>
          <Radio.Group options={levels} />
        </Form.Item>
        <Form.Item label={t('feedback.contacted')} name="contacted" rules={[{ required: true, message: t('feedback.required') }]}>
          <Radio.Group options={yesNo} />
        </Form.Item>
        {contacted && (
          <Form.Item label={t('feedback.contactMethod')} name="contactMethod">
            <Radio.Group options={METHODS.map((m) => ({ value: m, label: t(`feedback.methods.${m}`) }))} />
          </Form.Item>
        )}
        <Form.Item label={t('feedback.answered')} name="answered" rules={[{ required: true, message: t('feedback.required') }]}>
          <Radio.Group options={yesNo} />
        </Form.Item>
        <Form.Item label={t('feedback.comments')} name="comments">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.pending === 'feedback'}>
          {t('feedback.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function FeedbackList({ feedback, unitOf }: { feedback: RatedFeedback[]; unitOf: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Card className="panel" title={<h2 className="card-title">{t('feedback.list')}</h2>}>
      <List
        dataSource={feedback}
        locale={{ emptyText: t('feedback.none') }}
        renderItem={(f) => (
          <List.Item>
            <Space wrap>
              {unitOf.has(f.replyId) && <span>{unitOf.get(f.replyId)}</span>}
              <Tag color={f.satisfaction === 'dissatisfied' ? 'error' : 'success'}>
                {t('feedback.satisfaction')}：{t(`feedback.levels.${f.satisfaction}`)}
              </Tag>
              {f.attitudeSatisfaction && (
                <Tag>
                  {t('feedback.attitude')}：{t(`feedback.levels.${f.attitudeSatisfaction}`)}
                </Tag>
              )}
              <span>{f.comments}</span>
              <Typography.Text type="secondary">{formatTime(f.createdAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
